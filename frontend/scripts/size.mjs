// Prints the size of every built file and of the first page (the entry plus
// the dashboard route, where a signed-in person lands), raw and gzipped.
// Imported by size.test.mjs, which fails the build above the budget.
import { readFileSync, existsSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')

/** The first page may weigh this much, JavaScript and CSS gzipped. */
export const budgetBytes = 500 * 1024

function manifest() {
  const p = join(dist, '.vite', 'manifest.json')
  if (!existsSync(p)) throw new Error(`${p} is missing: run npm run build first`)
  return JSON.parse(readFileSync(p, 'utf8'))
}

function gz(file) {
  const buf = readFileSync(join(dist, file))
  return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length }
}

/** Files (JS and CSS) loaded for the given manifest keys and their static imports. */
export function closure(m, keys) {
  const files = new Set()
  const seen = new Set()
  const visit = (k) => {
    if (seen.has(k) || !m[k]) return
    seen.add(k)
    files.add(m[k].file)
    for (const c of m[k].css ?? []) files.add(c)
    for (const i of m[k].imports ?? []) visit(i)
  }
  keys.forEach(visit)
  return [...files]
}

export function firstPage() {
  const m = manifest()
  const entry = Object.keys(m).find((k) => m[k].isEntry)
  const dashboard = Object.keys(m).find((k) => k.endsWith('views/dashboard/DashboardView.vue'))
  const login = Object.keys(m).find((k) => k.endsWith('views/login/LoginView.vue'))
  const sum = (files) => files.reduce((a, f) => { const s = gz(f); return { raw: a.raw + s.raw, gzip: a.gzip + s.gzip } }, { raw: 0, gzip: 0 })
  const dashFiles = closure(m, [entry, dashboard])
  const loginFiles = closure(m, [entry, login])
  return { entry, dashboard: { files: dashFiles, ...sum(dashFiles) }, login: { files: loginFiles, ...sum(loginFiles) }, all: m }
}

const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KB'

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const fp = firstPage()
  const files = new Set()
  for (const v of Object.values(fp.all)) { files.add(v.file); (v.css ?? []).forEach((c) => files.add(c)) }
  console.log('file'.padEnd(52), '     raw', '    gzip')
  for (const f of [...files].sort()) { const s = gz(f); console.log(f.padEnd(52), kb(s.raw), kb(s.gzip)) }
  console.log(`first page /login:     ${kb(fp.login.raw)} raw, ${kb(fp.login.gzip)} gzipped`)
  console.log(`first page /dashboard: ${kb(fp.dashboard.raw)} raw, ${kb(fp.dashboard.gzip)} gzipped (budget ${kb(budgetBytes)})`)
}
