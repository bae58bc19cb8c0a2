// Where a cold load's time goes at 4× CPU: a Chromium performance trace
// (main-thread events summed by name: script, style, layout, paint) and a
// CPU profile (self time by function and by file). Run against a server:
//   JIXIAO_URL=… JIXIAO_DEMO_PASSWORD=… node scripts/trace-web.mjs report|dashboard
import { launch, signIn, pages, openCold } from '../e2e/measure.mjs'
const name = process.argv[2] ?? 'report'
const browser = await launch()
const states = await signIn(browser)
const { page, cdp } = await openCold(browser, name, states[name], { cpu: 4 })
await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); await cdp.send('Profiler.start')
const events = []
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value))
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r))
await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' })
const t0 = Date.now()
// --until-ready: the profile ends when the table shows (what it cost), not half a second later
const untilReady = process.argv.includes('--until-ready')
await page.goto(pages[name].path)
await page.waitForFunction(() => window.__tableReady !== undefined, null, { timeout: 60000, polling: 'raf' })
const stopped = untilReady ? await cdp.send('Profiler.stop') : null
console.log('ready after', Date.now() - t0, 'ms wall;', Math.round(await page.evaluate(() => window.__tableReady)), 'ms in the page')
if (!untilReady) await page.waitForTimeout(500)
await cdp.send('Tracing.end'); await done
const { profile } = stopped ?? (await cdp.send('Profiler.stop'))
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
const tid = main?.tid, pid = main?.pid
const sums = {}
for (const e of events) if (e.tid === tid && e.pid === pid && e.ph === 'X' && e.dur) sums[e.name] = (sums[e.name] ?? 0) + e.dur / 1000
console.log(Object.entries(sums).sort((a, b) => b[1] - a[1]).slice(0, 18).map(([k, v]) => `${k}: ${v.toFixed(0)} ms`).join('\n'))
// self time by function+url
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const self = new Map()
const dt = profile.timeDeltas
for (let i = 0; i < profile.samples.length; i++) {
  const n = byId.get(profile.samples[i]); const f = n.callFrame
  const k = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`
  self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0) / 1000)
}
console.log('--- self time')
console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(0)} ms ${k}`).join('\n'))
// the same after the page's data came (the table's rendering), by function
if (process.argv.includes('--after-data')) {
  const asked = events.find((e) => e.name === 'ResourceSendRequest' && /\/api\/v1\/(dashboard\?|projects\/[^/]+\/reports\/[^/?]+$)/.test(e.args?.data?.url ?? ''))
  const dataAt = events.find((e) => e.name === 'ResourceFinish' && e.args?.data?.requestId === asked?.args?.data?.requestId)?.ts
  const paintAt = events.filter((e) => e.name === 'Paint' && e.tid === tid).map((e) => e.ts)
  const after = new Map()
  const readyAt = events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'table-ready')?.ts ?? Infinity
  let ts = profile.startTime
  for (let i = 0; i < profile.samples.length; i++) {
    ts += dt[i] ?? 0
    if (dataAt === undefined || ts < dataAt || ts > readyAt) continue
    const f = byId.get(profile.samples[i]).callFrame
    const k = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`
    after.set(k, (after.get(k) ?? 0) + (dt[i] ?? 0) / 1000)
  }
  console.log('--- self time after the data came', dataAt === undefined ? '(not seen)' : `(${paintAt.length} paints)`, readyAt === Infinity ? '' : `until the table showed, ${((readyAt - dataAt) / 1000).toFixed(0)} ms`)
  console.log([...after.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${v.toFixed(0)} ms ${k}`).join('\n'))
  if (process.env.TRACE_JSON) (await import('node:fs')).writeFileSync(process.env.TRACE_JSON, JSON.stringify([...after.entries()]))
}
const byUrl = new Map()
for (let i = 0; i < profile.samples.length; i++) { const f = byId.get(profile.samples[i]).callFrame; const u = f.url.split('/').pop() || '(native)'; byUrl.set(u, (byUrl.get(u) ?? 0) + (dt[i] ?? 0) / 1000) }
console.log('--- by file'); console.log([...byUrl.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${v.toFixed(0)} ms ${k}`).join('\n'))
await browser.close()
