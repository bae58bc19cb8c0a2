// Cold loads of the web app as an old office PC sees them, measured through
// the Chrome DevTools Protocol: an empty cache, the CPU slowed (Emulation.
// setCPUThrottlingRate) and, if asked, a slow line (Network.emulate-
// NetworkConditions). Used by the byte-budget test (size.test.mjs) and by
// make bench-web (scripts/bench-web.mjs).
import { launch, newPage, login, baseURL } from './lib.mjs'

/** The pages measured: where a person lands and what says the table is ready. */
export const pages = {
  dashboard: { user: 'auditor', path: '/dashboard?period=2024-06', ready: '[data-testid="dashboard-table"] tbody [data-project]' },
  report: {
    user: 'jingji',
    path: '/projects/63280100024T000000642/reports/2024-06',
    ready: '[data-indicator-id] [data-field="value"] input',
  },
}

/** The budgets of a cold load, bytes on the wire (compressed, headers included). */
export const budgets = { dashboard: 450 * 1024, report: 350 * 1024 }

/** A 10 Mbit/s line with 40 ms latency. */
export const slowLine = { offline: false, latency: 40, downloadThroughput: (10 * 1000 * 1000) / 8, uploadThroughput: (10 * 1000 * 1000) / 8 }

/** Signs each page's person in once; returns their storage states (cookie and CSRF token). */
export async function signIn(browser) {
  const states = {}
  for (const [name, p] of Object.entries(pages)) {
    const page = await newPage(browser)
    await login(page, p.user, p.path)
    await page.locator(p.ready).first().waitFor()
    states[name] = await page.context().storageState()
    await page.context().close()
  }
  return states
}

/**
 * A fresh context (nothing cached) of a page's person, whose page marks the
 * moment its table shows (window.__tableReady, and a "table-ready" time stamp
 * in a trace), with a DevTools session that slows the CPU and the line if asked.
 */
export async function openCold(browser, name, state, { cpu = 1, line = null } = {}) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 }, locale: 'zh-CN', storageState: state })
  const page = await context.newPage()
  // the moment the table shows, seen by the page itself (no polling delay)
  await page.addInitScript((selector) => {
    const seen = () => {
      if (window.__tableReady === undefined && document.querySelector(selector)) {
        window.__tableReady = performance.now()
        console.timeStamp('table-ready')
      }
    }
    new MutationObserver(seen).observe(document, { childList: true, subtree: true })
  }, pages[name].ready)
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu })
  if (line) await cdp.send('Network.emulateNetworkConditions', line)
  return { context, page, cdp }
}

/**
 * One cold load of a page in a fresh context (nothing cached) whose person
 * is signed in: bytes received, requests, the time from navigation to the
 * table's first line in the page, the main thread's task time until then.
 */
export async function coldLoad(browser, name, state, { cpu = 1, line = null, timeoutMs = 60000 } = {}) {
  const p = pages[name]
  const { context, page, cdp } = await openCold(browser, name, state, { cpu, line })
  try {
    await cdp.send('Performance.enable')
    let bytes = 0
    let requests = 0
    const files = new Map()
    cdp.on('Network.requestWillBeSent', (e) => {
      requests++
      files.set(e.requestId, e.request.url)
    })
    cdp.on('Network.loadingFinished', (e) => {
      bytes += e.encodedDataLength
    })
    const before = await cdp.send('Performance.getMetrics')
    await page.goto(p.path, { timeout: timeoutMs })
    await page.waitForFunction(() => window.__tableReady !== undefined, null, { timeout: timeoutMs })
    const tableMs = await page.evaluate(() => window.__tableReady)
    const after = await cdp.send('Performance.getMetrics')
    // what is still in flight for the table (its data, late chunks) counts too
    await page.waitForLoadState('networkidle', { timeout: timeoutMs }).catch(() => undefined)
    const metric = (m, k) => m.metrics.find((x) => x.name === k)?.value ?? 0
    const taskMs = (metric(after, 'TaskDuration') - metric(before, 'TaskDuration')) * 1000
    return { bytes, requests, tableMs, taskMs, urls: [...files.values()] }
  } finally {
    await context.close()
  }
}

export { launch }
