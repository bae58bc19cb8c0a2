// The monitoring form as a clerk and a reviewer use it at 1366×768: nothing
// wider than the screen, keys and paste as in Excel, full-width digits
// understood, and every light saying why.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launch, newPage, login, visit, apiAs, confirmBox } from './lib.mjs'

const code = '63280100024T000000642' // 金融服务活动资金, filled by jingji
const reportPath = `/projects/${code}/reports/2024-06`
let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

/** The widths that must not overflow: the document, the main column, the form. */
async function overflow(page) {
  return page.evaluate(() => {
    const out = {}
    for (const [name, el] of [['document', document.documentElement], ['main', document.querySelector('.main')], ['form', document.querySelector('.lines')]]) {
      if (el) out[name] = el.scrollWidth - el.clientWidth
    }
    return out
  })
}

/** The indicator id of the line whose field holds the focus. */
const focusedLine = (page) => page.evaluate(() => document.activeElement?.closest('[data-indicator-id]')?.getAttribute('data-indicator-id'))

const input = (page, id, field) => page.locator(`[data-indicator-id="${id}"] [data-field="${field}"] input`)

test('the submitter fills 642 from the keyboard and by pasting from Excel, without scrolling sideways', async () => {
  const api = await apiAs('jingji')
  const project = (await api('GET', `/api/v1/projects/${code}`)).body
  const [visits, meetings, rate] = project.indicators.map((i) => i.id)

  const page = await newPage(browser)
  await login(page, 'jingji', reportPath)
  await input(page, visits, 'value').waitFor()
  assert.deepEqual(await overflow(page), { document: 0, main: 0, form: 0 }, 'nothing overflows at 1366')

  // Enter and ↓/↑ move along the column; a full-width number is shown normalised once left
  await input(page, visits, 'value').click()
  await page.keyboard.type('５')
  await page.keyboard.press('Enter')
  assert.equal(await focusedLine(page), String(meetings), 'Enter moves down the column')
  assert.equal(await input(page, visits, 'value').inputValue(), '5', 'full-width digits are shown normalised')
  await page.keyboard.type('3')
  await page.keyboard.press('ArrowDown')
  assert.equal(await focusedLine(page), String(rate), '↓ moves down the column')
  await page.keyboard.press('ArrowUp')
  assert.equal(await focusedLine(page), String(meetings), '↑ moves up')

  // a 3×2 block copied from Excel fills three lines, both columns
  await input(page, visits, 'value').focus()
  await page.evaluate(() => {
    const dt = new DataTransfer()
    dt.setData('text/plain', '１２\t20\r\n3\t10\r\n96%\t96\r\n')
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }))
  })
  await page.locator('.el-message--success', { hasText: '已粘贴 3 行' }).waitFor()
  const typed = []
  for (const id of [visits, meetings, rate]) typed.push([await input(page, id, 'value').inputValue(), await input(page, id, 'projected').inputValue()])
  assert.deepEqual(typed, [['12', '20'], ['3', '10'], ['96', '96']])

  // the yellow line opens its details by itself and says why it is yellow
  const detail = page.locator(`[data-detail-of="${meetings}"]`)
  await detail.getByText('截至6月应完成5次（全年10次×6/12），已完成3次，为应完成的60%，低于80%：黄灯').waitFor()
  assert.equal(await page.locator(`[data-indicator-id="${meetings}"] [data-light="yellow"]`).count(), 1)

  await page.getByRole('button', { name: '保存', exact: true }).click()
  await page.locator('.el-message--success', { hasText: '已保存' }).waitFor()
  const stored = (await api('GET', `/api/v1/projects/${code}/reports/2024-06`)).body
  const byId = Object.fromEntries(stored.lines.map((l) => [l.indicator_id, l]))
  assert.deepEqual([byId[visits].value, byId[visits].projected, byId[meetings].value, byId[rate].value], ['12', '20', '3', '96'], '"１２" is saved as 12')
  assert.equal(byId[meetings].light_basis, '截至6月应完成5次（全年10次×6/12），已完成3次，为应完成的60%，低于80%：黄灯')
  assert.deepEqual(await overflow(page), { document: 0, main: 0, form: 0 }, 'nothing overflows with details open')
  assert.equal(await page.getByText('higher.full').count(), 0, 'no rule code on the page')
  await visit(page, 'form-01-submitter-1366')
  await page.context().close()
})

/** Fills the rest of 642's 2024-06 report through the API so that it can be submitted, and submits it. */
async function completeAndSubmit(api) {
  const project = (await api('GET', `/api/v1/projects/${code}`)).body
  const report = (await api('GET', `/api/v1/projects/${code}/reports/2024-06`)).body
  const lines = project.indicators.map((i) => {
    if (i.kind === 'qualitative') return { indicator_id: i.id, band: 'achieved', score_input: String(Number(i.weight) - 1) }
    if (i.kind === 'deadline') return { indicator_id: i.id, likelihood: 'certain' }
    const line = report.lines.find((l) => l.indicator_id === i.id)
    return {
      indicator_id: i.id, value: line.value ?? i.target, projected: line.projected ?? i.target, likelihood: 'possible',
      deviation_causes: ['staffing'], explanation: '上半年企业需求集中在三季度', measures: '三季度集中举办对接会',
    }
  })
  const res = await api('PATCH', `/api/v1/projects/${code}/reports/2024-06`, { version: report.version, budget: { executed: '7.90', projected: '15.80' }, lines })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  const sub = await api('POST', `/api/v1/projects/${code}/reports/2024-06/submit`, {})
  assert.equal(sub.status, 200, JSON.stringify(sub.body))
}

test('a return reaches the clerk at once: a banner with the reason, who and when, and a notification, without reloading', async () => {
  const jingji = await apiAs('jingji')
  const page = await newPage(browser)
  await login(page, 'jingji', reportPath)
  await page.locator('[data-indicator-id]').first().waitFor()
  await completeAndSubmit(jingji)
  // the open page learns of the submission by itself
  await page.getByTestId('report-status').getByText('已提交').waitFor({ timeout: 40000 })
  const unreadBefore = (await jingji('GET', '/api/v1/notifications')).body.unread

  // the reviewer sees, for each line, value, target, light, explanation and bases together, at 1366
  const rpage = await newPage(browser)
  await login(rpage, 'reviewer', reportPath)
  const line = rpage.locator('[data-indicator-id]').nth(1)
  await line.locator('[data-testid="light-basis"]').getByText('黄灯').waitFor()
  await line.locator('[data-testid="score-basis"]').getByText('正向指标').waitFor()
  await line.getByText('上半年企业需求集中在三季度').waitFor()
  // and why the budget's light: 7.90 of 15.80 by June against a time progress of 6/12
  await rpage.getByTestId('budget-light-basis').getByText('执行率50%，序时进度50%（6/12），为序时进度的100%，达到80%：绿灯').waitFor()
  assert.deepEqual(await overflow(rpage), { document: 0, main: 0, form: 0 }, 'nothing overflows for the reviewer at 1366')
  await visit(rpage, 'form-02-reviewer-1366')
  await rpage.getByRole('button', { name: '退回', exact: true }).click()
  await confirmBox(rpage, '请补充银企对接会议签到表')
  await rpage.getByTestId('report-status').getByText('已退回').waitFor()
  await rpage.context().close()

  // the clerk's page, untouched: the banner at the top and the bell's count
  const banner = page.getByTestId('return-banner')
  await banner.getByText('请补充银企对接会议签到表').waitFor({ timeout: 40000 })
  await banner.getByText('格尔木市财政局绩效审核人').waitFor()
  await page.getByTestId('report-status').getByText('已退回').waitFor()
  await page.getByTestId('header-notifications').locator('.el-badge__content', { hasText: String(unreadBefore + 1) }).waitFor({ timeout: 40000 })
  await visit(page, 'form-03-returned-banner')
  // the notification names the project and the period, and says why
  await page.getByTestId('header-notifications').click()
  const note = page.getByTestId('notifications-table').locator('tbody tr', { hasText: '【退回】金融服务活动资金 2024年1–6月监控' }).first()
  await note.getByText('退回原因：请补充银企对接会议签到表').waitFor()
  // and the to-do and 我的填报 say it too
  await page.goto('/todos')
  await page.getByTestId('todo-reason').getByText('请补充银企对接会议签到表').first().waitFor()
  await page.goto('/mine?period=2024-06')
  await page.getByTestId('mine-returned').getByText('请补充银企对接会议签到表').waitFor()
  await page.context().close()
})

test('in English the report page and a failed save show no Chinese but data', async () => {
  const api = await apiAs('jingji')
  const project = (await api('GET', `/api/v1/projects/${code}`)).body
  const report = (await api('GET', `/api/v1/projects/${code}/reports/2024-06`)).body
  const me = (await api('GET', '/api/v1/me')).body
  const data = [project.name, project.department.name, me.display_name, '格尔木市财政局绩效审核人', '请补充银企对接会议签到表', '经济发展研究室（金融工作科）']
  for (const i of project.indicators) data.push(i.name, i.level1, i.level2, i.target, i.unit)
  for (const l of report.lines) data.push(l.explanation, l.measures, l.not_applicable_reason)
  const page = await newPage(browser)
  await login(page, 'jingji', reportPath)
  await page.evaluate(() => localStorage.setItem('jixiao.locale', 'en'))
  await page.goto(reportPath)
  const [first] = project.indicators
  await input(page, first.id, 'value').waitFor()
  // a value the server refuses: the field says why, in English
  await input(page, first.id, 'value').fill('12,5')
  await page.locator(`[data-indicator-id="${first.id}"] .err`).getByText('thousands separators').waitFor()
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await page.locator('.el-message--error', { hasText: 'Some input is wrong' }).waitFor()
  assert.deepEqual(await overflow(page), { document: 0, main: 0, form: 0 }, 'nothing overflows in English at 1366')
  await page.getByTestId('return-banner').getByText('This report was returned').waitFor()
  let text = await page.evaluate(() => document.body.innerText)
  for (const d of data.filter(Boolean).sort((a, b) => b.length - a.length)) text = text.split(d).join('')
  const chinese = text.split('\n').filter((l) => /\p{Script=Han}/u.test(l))
  assert.deepEqual(chinese, [], 'lines of the English page that hold Chinese other than data')
  await visit(page, 'form-04-english')
  await page.context().close()
})
