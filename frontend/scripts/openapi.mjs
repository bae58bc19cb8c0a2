// The OpenAPI document as the server serves it: the fragments in
// app/api/openapi/*.json merged in name order, exactly as app/api/openapi.go
// does (the first gives the header; objects merge down to paths → path →
// operation and components → kind → name; anything named twice is an error).
//
//   node scripts/openapi.mjs lint    Redocly CLI, recommended rules (redocly.yaml)
//   node scripts/openapi.mjs types   writes src/api/schema.d.ts (openapi-typescript)
//   node scripts/openapi.mjs check   fails when src/api/schema.d.ts is not current
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { spawnSync } from 'node:child_process'

const here = dirname(fileURLToPath(import.meta.url))
const web = join(here, '..')
const fragmentsDir = join(web, '..', 'app', 'api', 'openapi')
export const schemaFile = join(web, 'src', 'api', 'schema.d.ts')

function mergeInto(dst, src, file, depth) {
  for (const [k, v] of Object.entries(src)) {
    if (!(k in dst)) {
      dst[k] = v
      continue
    }
    const old = dst[k]
    const isObj = (x) => x !== null && typeof x === 'object' && !Array.isArray(x)
    if (!isObj(old) || !isObj(v) || depth >= 2) throw new Error(`openapi: ${file} redefines "${k}"`)
    mergeInto(old, v, file, depth + 1)
  }
}

/** The merged document. */
export function mergedDocument() {
  const names = readdirSync(fragmentsDir).filter((n) => n.endsWith('.json')).sort()
  if (names.length === 0) throw new Error(`openapi: no fragments in ${fragmentsDir}`)
  const doc = {}
  for (const n of names) mergeInto(doc, JSON.parse(readFileSync(join(fragmentsDir, n), 'utf8')), n, 0)
  return doc
}

/** The generated TypeScript of the document. */
export async function generatedTypes(doc = mergedDocument()) {
  const { default: openapiTS, astToString } = await import('openapi-typescript')
  const ast = await openapiTS(doc, { alphabetize: true, exportType: true })
  const header =
    '// Generated from the OpenAPI document (app/api/openapi/*.json) by\n' +
    '// `npm run api-types` (make api-types): do not edit by hand.\n\n'
  return header + astToString(ast)
}

function withDocumentFile(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-openapi-'))
  try {
    const file = join(dir, 'openapi.json')
    writeFileSync(file, JSON.stringify(mergedDocument(), null, 2))
    return fn(file)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main(cmd) {
  switch (cmd) {
    case 'lint': {
      const status = withDocumentFile((file) => {
        const bin = join(web, 'node_modules', '.bin', 'redocly')
        const r = spawnSync(bin, ['lint', '--config', join(web, 'redocly.yaml'), '--max-problems', '500', ...process.argv.slice(3), file], {
          stdio: 'inherit',
          timeout: 120000,
          // no telemetry, no update check: the linter talks to nothing outside this machine
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' },
        })
        if (r.error) throw r.error
        return r.status ?? 1
      })
      process.exit(status)
      break
    }
    case 'types':
      writeFileSync(schemaFile, await generatedTypes())
      console.log(`wrote ${schemaFile}`)
      break
    case 'check': {
      const want = await generatedTypes()
      const have = existsSync(schemaFile) ? readFileSync(schemaFile, 'utf8') : ''
      if (want !== have) {
        console.error(`${schemaFile} is not current with app/api/openapi/*.json: run make api-types (npm run api-types) and commit it`)
        process.exit(1)
      }
      console.log('src/api/schema.d.ts is current')
      break
    }
    default:
      console.error('usage: node scripts/openapi.mjs lint|types|check')
      process.exit(2)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv[2])
