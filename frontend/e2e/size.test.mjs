// A cold load weighs within its budget (bytes on the wire, compressed):
// 450 KB for the dashboard, 350 KB for a report page; and the server sends
// the build's brotli and gzip copies of the same bytes as asked.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { baseURL, timeout } from './lib.mjs'
import { launch, signIn, coldLoad, budgets } from './measure.mjs'

let browser
let states
before(async () => {
  browser = await launch()
  states = await signIn(browser)
})
after(async () => { await browser?.close() })

for (const name of ['dashboard', 'report']) {
  test(`a cold load of the ${name} stays within ${budgets[name] / 1024} KB`, async () => {
    const r = await coldLoad(browser, name, states[name])
    assert.ok(r.requests >= 3, `${name}: ${r.requests} requests: the page did not load its parts`)
    assert.ok(r.bytes > 50 * 1024, `${name}: ${r.bytes} bytes is implausibly little`)
    assert.ok(r.bytes <= budgets[name], `${name}: a cold load received ${(r.bytes / 1024).toFixed(1)} KB, over its ${budgets[name] / 1024} KB:\n${r.urls.join('\n')}`)
  })
}

test('the web app files come brotli or gzip compressed as asked, the same bytes decompressed', async () => {
  const index = await (await fetch(baseURL + '/', { signal: AbortSignal.timeout(timeout) })).text()
  const assets = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1])
  assert.ok(assets.length >= 2, `index.html names its script and style: ${assets}`)
  for (const path of assets) {
    const plain = (await rawGet(baseURL + path, 'identity')).body
    assert.ok(plain.length > 1024, `${path}: ${plain.length} bytes`)
    for (const [accept, coding, decode] of [['br', 'br', brotliDecompressSync], ['gzip', 'gzip', gunzipSync], ['gzip, deflate, br', 'br', brotliDecompressSync]]) {
      const res = await rawGet(baseURL + path, accept)
      assert.equal(res.headers['content-encoding'], coding, `${path} with Accept-Encoding ${accept}`)
      assert.match(res.headers.vary ?? '', /Accept-Encoding/i, `${path}: Vary`)
      assert.ok(res.body.length < plain.length * 0.6, `${path} ${coding}: ${res.body.length} of ${plain.length} bytes`)
      assert.ok(decode(res.body).equals(plain), `${path} ${coding}: decompressed differs from the file`)
    }
  }
})

/** A GET whose body is left as sent (node's fetch would decode it). */
async function rawGet(url, accept) {
  const { request } = await import('node:http')
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'Accept-Encoding': accept }, timeout }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error(`GET ${url}: no answer in ${timeout} ms`)))
    req.on('error', reject)
    req.end()
  })
}
