// make bench-web: cold loads of the dashboard and of a report page in
// Debian's Chromium with the CPU slowed 4× (an old office PC), on the
// loopback and on a 10 Mbit/s line with 40 ms latency; the median of 5 of
// bytes received, requests, time to the table and main-thread task time.
// Prints the figures and writes them into BENCHMARKS.md between its
// "web:begin" and "web:end" marks. Figures, not a timed test: the byte
// budgets are held by e2e/size.test.mjs.
//   JIXIAO_URL=… node scripts/bench-web.mjs [--runs 5] [--out ../BENCHMARKS.md]
import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { cpus, loadavg } from 'node:os'
import { launch, signIn, coldLoad, budgets, slowLine } from '../e2e/measure.mjs'

const arg = (name, def) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? process.argv[i + 1] : def
}
const runs = Math.max(1, Math.min(20, Number(arg('--runs', '5'))))
const out = arg('--out', join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'BENCHMARKS.md'))
const cpu = 4
const goalTableMs = 1500

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

const loadBefore = loadavg()[0]
const browser = await launch()
const rows = []
try {
  const states = await signIn(browser)
  for (const name of ['dashboard', 'report']) {
    for (const [lineName, line] of [['loopback', null], ['10 Mbit/s, 40 ms', slowLine]]) {
      const got = []
      for (let i = 0; i < runs; i++) got.push(await coldLoad(browser, name, states[name], { cpu, line }))
      const row = {
        page: name,
        line: lineName,
        bytes: median(got.map((r) => r.bytes)),
        requests: median(got.map((r) => r.requests)),
        tableMs: median(got.map((r) => r.tableMs)),
        taskMs: median(got.map((r) => r.taskMs)),
      }
      rows.push(row)
      console.log(JSON.stringify(row))
    }
  }
} finally {
  await browser.close()
}

const kb = (n) => `${(n / 1024).toFixed(0)} KB`
const ms = (n) => `${Math.round(n)} ms`
const ok = (b) => (b ? 'met' : '**missed**')
const table = [
  '| page | line | bytes (median) | requests | table ready | main-thread tasks |',
  '| --- | --- | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.page} | ${r.line} | ${kb(r.bytes)} | ${r.requests} | ${ms(r.tableMs)} | ${ms(r.taskMs)} |`),
]
const goals = ['dashboard', 'report'].map((name) => {
  const slow = rows.find((r) => r.page === name && r.line !== 'loopback')
  return `- ${name}: ${kb(slow.bytes)} of at most ${kb(budgets[name])} (${ok(slow.bytes <= budgets[name])}); table ready in ${ms(slow.tableMs)} on the slow line at ${cpu}× CPU, goal ≤ ${ms(goalTableMs)} (${ok(slow.tableMs <= goalTableMs)})`
})
const section = [
  '<!-- web:begin (written by make bench-web) -->',
  '## The web app: cold loads in Chromium',
  '',
  `\`make bench-web\`, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} cores (load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after:`,
  "times are of this machine as it was; bytes do not depend on it): Debian's Chromium (headless) through",
  `playwright-core, a fresh browser context per load (nothing cached), signed in; the CPU slowed ${cpu}× (CDP`,
  '`Emulation.setCPUThrottlingRate`, an old office PC), on the loopback and on a 10 Mbit/s line with 40 ms latency',
  `(\`Network.emulateNetworkConditions\`); median of ${runs}. Bytes are what arrived (compressed, headers included),`,
  '"table ready" the time from navigation to the first line of the table in the page, "main-thread tasks" the',
  "renderer's task time until then (CDP `Performance.getMetrics` TaskDuration). The dashboard is the auditor's",
  "(the province's), the report page jingji's 642 of 2024-06.",
  '',
  ...table,
  '',
  'Goals:',
  ...goals,
  '<!-- web:end -->',
].join('\n')
console.log('\n' + section)

if (out !== '-') {
  const old = existsSync(out) ? readFileSync(out, 'utf8') : ''
  const re = /<!-- web:begin[\s\S]*?<!-- web:end -->/
  writeFileSync(out, re.test(old) ? old.replace(re, section) : `${old.trimEnd()}\n\n${section}\n`)
  console.log(`written into ${out}`)
}
