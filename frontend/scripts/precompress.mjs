// Compresses the built web app once, at build time, so that the server
// sends each file without compressing it per request: for every text file
// under dist/ (JavaScript, CSS, SVG, JSON, HTML) of 1 KB or more it writes
// name.br (brotli, best quality) and name.gz (gzip, level 9) beside it.
// app/api/compress.go serves them by Accept-Encoding.
import { readdirSync, readFileSync, writeFileSync, statSync, rmSync } from 'node:fs'
import { join, dirname, extname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, gzipSync, constants } from 'node:zlib'

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const textTypes = new Set(['.js', '.mjs', '.css', '.svg', '.json', '.html', '.txt', '.map'])
const minBytes = 1024

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) yield* files(p)
    else yield p
  }
}

let count = 0
let raw = 0
let br = 0
let gz = 0
// the copies of a former build go first (made again below for the files
// still there), so that none is left stale
for (const p of [...files(dist)]) if (p.endsWith('.br') || p.endsWith('.gz')) rmSync(p)
for (const p of [...files(dist)]) {
  if (!textTypes.has(extname(p)) || p.includes(`${join('dist', '.vite')}`)) continue
  const buf = readFileSync(p)
  if (buf.length < minBytes) continue
  const b = brotliCompressSync(buf, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
  })
  const g = gzipSync(buf, { level: 9 })
  writeFileSync(`${p}.br`, b)
  writeFileSync(`${p}.gz`, g)
  count++
  raw += buf.length
  br += b.length
  gz += g.length
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`
console.log(`precompressed ${count} files: ${kb(raw)} → brotli ${kb(br)}, gzip ${kb(gz)}`)
