// The requests of one cold load, in order, as an old office PC on a slow line
// sees them (4× CPU, 10 Mbit/s, 40 ms): when each was asked for and when it
// ended, relative to navigation, and when the table showed. Says which
// requests wait on which. Run against a server:
//   JIXIAO_URL=… JIXIAO_DEMO_PASSWORD=… node scripts/waterfall-web.mjs report|dashboard [--loopback]
import { launch, signIn, pages, slowLine, openCold } from '../e2e/measure.mjs'
import { baseURL } from '../e2e/lib.mjs'

const name = process.argv[2] ?? 'report'
const line = process.argv.includes('--loopback') ? null : slowLine
const browser = await launch()
try {
  const states = await signIn(browser)
  const p = pages[name]
  const { context, page, cdp } = await openCold(browser, name, states[name], { cpu: 4, line })
  const reqs = new Map()
  let t0 = null
  cdp.on('Network.requestWillBeSent', (e) => {
    if (t0 === null) t0 = e.timestamp
    reqs.set(e.requestId, { url: e.request.url.replace(baseURL, ''), start: e.timestamp, initiator: e.initiator?.type })
  })
  cdp.on('Network.loadingFinished', (e) => {
    const r = reqs.get(e.requestId)
    if (r) Object.assign(r, { end: e.timestamp, bytes: e.encodedDataLength })
  })
  await page.goto(p.path, { timeout: 60000 })
  await page.waitForFunction(() => window.__tableReady !== undefined, null, { timeout: 60000 })
  const ready = await page.evaluate(() => window.__tableReady)
  await page.waitForLoadState('networkidle', { timeout: 60000 }).catch(() => undefined)
  const ms = (t) => (t === undefined ? '   -' : String(Math.round((t - t0) * 1000)).padStart(5))
  for (const r of [...reqs.values()].sort((a, b) => a.start - b.start)) {
    console.log(`${ms(r.start)} ${ms(r.end)} ${String(r.bytes ?? 0).padStart(7)} ${r.initiator?.padEnd(7)} ${r.url.slice(0, 90)}`)
  }
  console.log(`table ready ${Math.round(ready)} ms; ${reqs.size} requests`)
  await context.close()
} finally {
  await browser.close()
}
