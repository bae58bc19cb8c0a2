// The reporting season in the browser: the reviewer opens the 2024 annual
// round for 003001 with a due date; a submitter finds the report in their
// to-dos, attaches a PDF as evidence and submits; the reviewer approves
// several in one batch, returns one with a rectification item, and downloads
// the department's document (a .docx: its bytes start with PK). Every result
// is checked through the API too.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { launch, newPage, login, visit, shot, apiAs, confirmBox, password, baseURL, timeout } from './lib.mjs'

const period = '2024'
const mine = '63280100024T000000639' // mishu's: filled in the browser
const xzcw = ['63280100024R000014831', '63280100024T000000634', '63280100024T000000638', '63280100024T000000641']
const returned = '63280100024T000000642' // jingji's: returned with a rectification item
const reportApi = (code) => `/api/v1/projects/${code}/reports/${period}`

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

/** A bearer token, for requests whose answer is not JSON. */
async function token(username) {
  const res = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }), signal: AbortSignal.timeout(timeout),
  })
  assert.equal(res.status, 200)
  return (await res.json()).token
}

/** The bytes of a GET as username. */
async function bytes(tok, path) {
  const res = await fetch(`${baseURL}${path}`, { headers: { Authorization: `Bearer ${tok}` }, signal: AbortSignal.timeout(timeout) })
  assert.equal(res.status, 200, `GET ${path}`)
  return Buffer.from(await res.arrayBuffer())
}

/** Fills an annual report on target through the API (as its submitter). */
async function fill(api, code) {
  const project = (await api('GET', `/api/v1/projects/${code}`)).body
  const lines = project.indicators.map((i) =>
    i.kind === 'qualitative' ? { indicator_id: i.id, band: 'achieved' }
      : i.kind === 'deadline' ? { indicator_id: i.id, completed_on: '2024-12-01' }
        : { indicator_id: i.id, value: i.target.trim() })
  const res = await api('PUT', reportApi(code), { version: 0, budget: { executed: project.budget }, lines })
  assert.equal(res.status, 200, `fill ${code}: ${JSON.stringify(res.body)}`)
}

/** A screenshot and no script error (axe-core runs on the other pages of the season). */
async function picture(page, name) {
  await shot(page, name)
  assert.deepEqual(page.errors, [], `${name}: errors in the browser console`)
}

/** Types a date into an Element Plus date picker and waits for its panel to close. */
async function typeDate(page, input, date) {
  await input.fill(date)
  await input.press('Enter')
  await page.waitForFunction(() => [...document.querySelectorAll('.el-picker__popper')].every((e) => getComputedStyle(e).display === 'none'), null, { timeout })
}

/** Ticks a row of the review queue by its project. */
async function tick(page, code) {
  await page.getByTestId('review-table').locator(`[data-tick="${code}"]`).first().click()
}

test('a season: round, to-dos, evidence, submit, batch approval, a return with rectification, the department document', async () => {
  const reviewer = await apiAs('reviewer')
  const due = new Date(Date.now() + 10 * 86400000).toISOString().slice(0, 10)

  // --- the reviewer opens the round
  const rpage = await newPage(browser)
  await login(rpage, 'reviewer', '/rounds')
  await rpage.getByTestId('open-round').click()
  const dialog = rpage.getByTestId('round-dialog')
  await dialog.locator('[data-field="period"]').click()
  await rpage.getByRole('option', { name: '2024年度自评', exact: true }).click()
  const dueInput = dialog.getByLabel('截止日期').first()
  await typeDate(rpage, dueInput, due)
  await dialog.getByLabel('说明').fill('2024年度绩效自评，请按期填报并上传佐证材料')
  await visit(rpage, 'season-01-open-round')
  await rpage.getByTestId('round-submit').click()
  const box = rpage.locator('.el-message-box:visible')
  await box.getByText('截止日期').waitFor()
  await confirmBox(rpage)
  await rpage.getByTestId('rounds-table').getByText('2024年度自评').waitFor()
  const rounds = (await reviewer('GET', '/api/v1/rounds')).body.items
  const round = rounds.find((r) => r.period === period)
  assert.ok(round, 'the round is stored')
  assert.deepEqual([round.departments, round.due, round.status], [['003001'], due, 'open'])

  // --- the submitters: mishu in the browser, the others through the API
  const mishu = await apiAs('mishu')
  const todos = (await mishu('GET', '/api/v1/todos')).body.items
  assert.ok(todos.some((t) => t.kind === 'fill' && t.project.code === mine && t.period === period), 'mishu has the report to fill')
  await fill(mishu, mine)

  const spage = await newPage(browser)
  await login(spage, 'mishu', '/todos')
  await spage.getByTestId('header-todos').waitFor()
  const todoLink = spage.getByTestId('todos-table').locator(`[data-todo="fill:${mine}"]`)
  await todoLink.waitFor()
  await visit(spage, 'season-02-todos-submitter')
  await todoLink.click()
  await spage.waitForURL((u) => u.pathname === `/projects/${mine}/reports/${period}`)
  const pdf = Buffer.from(`%PDF-1.4\n1 0 obj<<>>endobj\n% 佐证 ${mine}\n%%EOF\n`)
  await spage.getByTestId('evidence-file').setInputFiles({ name: '发行记录.pdf', mimeType: 'application/pdf', buffer: pdf })
  await spage.getByTestId('evidence-table').getByText('发行记录.pdf').waitFor()
  await visit(spage, 'season-03-evidence')
  const files = (await mishu('GET', `${reportApi(mine)}/attachments`)).body.items
  assert.equal(files.length, 1)
  assert.equal(files[0].sha256, createHash('sha256').update(pdf).digest('hex'))
  assert.equal(files[0].uploaded_by, 'mishu')
  assert.ok((await bytes(await token('mishu'), files[0].link)).equals(pdf), 'the download is the upload')

  await spage.getByRole('button', { name: '提交', exact: true }).click()
  await confirmBox(spage)
  await spage.getByTestId('report-status').getByText('已提交').waitFor()
  assert.equal((await mishu('GET', reportApi(mine))).body.status, 'submitted')
  assert.equal(await spage.getByTestId('evidence').getByRole('button', { name: '删除' }).count(), 0, 'no delete once submitted')
  await spage.context().close()

  const xz = await apiAs('xzcw')
  for (const code of xzcw) {
    await fill(xz, code)
    assert.equal((await xz('POST', `${reportApi(code)}/submit`, {})).status, 200)
  }
  const jingji = await apiAs('jingji')
  await fill(jingji, returned)
  assert.equal((await jingji('POST', `${reportApi(returned)}/submit`, {})).status, 200)

  // --- the reviewer approves five in one batch
  await rpage.goto(`/review?period=${period}`)
  for (const code of [mine, ...xzcw]) await tick(rpage, code)
  await rpage.getByTestId('batch-bar').getByText('已选 5 项').waitFor()
  await visit(rpage, 'season-04-review-selected')
  await rpage.getByTestId('batch-approve').click()
  await rpage.locator('.el-message-box:visible').getByText('所选的 5 份报告').waitFor()
  await confirmBox(rpage, '同意')
  const results = rpage.getByTestId('batch-results')
  await results.getByText('成功 5 项，失败 0 项').waitFor()
  await picture(rpage, 'season-05-batch-results')
  await results.getByRole('button', { name: '关闭' }).last().click()
  for (const code of [mine, ...xzcw]) assert.equal((await reviewer('GET', reportApi(code))).body.status, 'approved', code)
  await rpage.getByTestId('review-table').locator(`[data-project="${returned}"]`).waitFor()
  assert.equal(await rpage.getByTestId('review-table').locator(`[data-project="${mine}"]`).count(), 0, 'approved reports leave the queue')

  // --- and returns one with a rectification item
  await rpage.getByTestId('review-table').locator(`[data-project="${returned}"]`).click()
  await rpage.waitForURL((u) => u.pathname === `/projects/${returned}/reports/${period}`)
  await rpage.getByTestId('add-rectification').click()
  await rpage.getByLabel('整改要求 1').fill('补充金融服务活动签到表')
  const rectDue = rpage.getByLabel('整改期限 1').first()
  await typeDate(rpage, rectDue, due)
  await visit(rpage, 'season-06-return-with-rectification')
  await rpage.getByRole('button', { name: '退回', exact: true }).click()
  await rpage.locator('.el-message-box:visible').getByText('同时将下达 1 项整改要求').waitFor()
  await confirmBox(rpage, '请补充金融服务活动的参与人数佐证')
  await rpage.getByTestId('report-status').getByText('已退回').waitFor()
  await rpage.getByTestId('rectifications').getByText('补充金融服务活动签到表').waitFor()
  const items = (await reviewer('GET', `${reportApi(returned)}/rectifications`)).body.items
  assert.deepEqual(items.map((r) => [r.text, r.due, r.status]), [['补充金融服务活动签到表', due, 'open']])
  const jtodos = (await jingji('GET', '/api/v1/todos')).body.items.filter((t) => t.period === period).map((t) => t.kind).sort()
  assert.deepEqual(jtodos, ['rectification', 'returned'])
  await picture(rpage, 'season-07-report-returned')

  // --- the round's progress and the department's document
  await rpage.goto('/rounds')
  const progress = rpage.locator(`[data-round="${round.id}"]`)
  await progress.locator('[data-count="approved"]').getByText('5', { exact: true }).waitFor()
  await visit(rpage, 'season-08-rounds-progress')
  const [download] = await Promise.all([rpage.waitForEvent('download'), rpage.locator('[data-document="003001"]').first().click()])
  const doc = readFileSync(await download.path())
  assert.equal(doc.subarray(0, 2).toString(), 'PK', 'the department document is a .docx (zip)')
  assert.match(download.suggestedFilename(), /\.docx$/)
  const viaApi = await bytes(await token('reviewer'), '/api/v1/departments/003001/reports/2024/document.docx')
  assert.equal(viaApi.subarray(0, 2).toString(), 'PK')
  const progressApi = (await reviewer('GET', `/api/v1/rounds/${round.id}`)).body.progress
  assert.deepEqual([progressApi.total, progressApi.approved, progressApi.returned], [12, 5, 1])

  // the round is extended by ten days
  const later = new Date(Date.now() + 20 * 86400000).toISOString().slice(0, 10)
  await rpage.getByTestId('rounds-table').getByRole('button', { name: '延期' }).click()
  const extendDialog = rpage.getByTestId('extend-dialog')
  const picker = extendDialog.getByLabel('新的截止日期').first()
  await typeDate(rpage, picker, later)
  await extendDialog.getByRole('button', { name: '延期' }).click()
  await rpage.locator('.el-message-box:visible').getByText('延至').waitFor()
  await confirmBox(rpage)
  await extendDialog.waitFor({ state: 'hidden' })
  assert.equal((await reviewer('GET', `/api/v1/rounds/${round.id}`)).body.due, later)
  await rpage.context().close()

  // --- the returned report's submitter sees the rectification notice
  const jpage = await newPage(browser)
  await login(jpage, 'jingji', '/todos?tab=notifications')
  await jpage.getByTestId('notifications-table').locator('tbody tr').first().waitFor()
  await visit(jpage, 'season-09-notifications')
  const unread = (await jingji('GET', '/api/v1/notifications')).body.unread
  assert.ok(unread >= 1)
  await jpage.getByTestId('notifications-table').getByRole('button', { name: '标为已读' }).first().click()
  await jpage.locator('.el-message--success').first().waitFor()
  assert.equal((await jingji('GET', '/api/v1/notifications')).body.unread, unread - 1, 'one marked read')
  const markAll = jpage.getByRole('button', { name: '全部标为已读' })
  await markAll.click()
  await jpage.waitForFunction((b) => b.disabled, await markAll.elementHandle())
  assert.equal((await jingji('GET', '/api/v1/notifications')).body.unread, 0, 'all marked read')
  await jpage.goto('/todos')
  await jpage.getByTestId('todos-table').locator(`[data-todo="rectification:${returned}"]`).click()
  await jpage.waitForURL((u) => u.pathname === `/projects/${returned}/reports/${period}`)

  // --- who answers with text and evidence; the reviewer closes the item
  const item = jpage.getByTestId('rectifications').locator(`[data-rectification="${items[0].id}"]`)
  await item.getByRole('textbox').fill('已补充活动签到表，共86人参加')
  const sheet = Buffer.from('%PDF-1.4\n% 签到表\n%%EOF\n')
  await item.locator('input[type="file"]').setInputFiles({ name: '签到表.pdf', mimeType: 'application/pdf', buffer: sheet })
  await item.getByRole('button', { name: '提交反馈' }).click()
  await confirmBox(jpage)
  await jpage.locator(`[data-rectification="${items[0].id}"][data-status="answered"]`).waitFor()
  await item.getByText('签到表.pdf').waitFor()
  await picture(jpage, 'season-10-rectification-answered')
  const answered = (await jingji('GET', `${reportApi(returned)}/rectifications`)).body.items[0]
  assert.deepEqual([answered.status, answered.answer, answered.answered_by], ['answered', '已补充活动签到表，共86人参加', 'jingji'])
  const evidence = (await jingji('GET', `${reportApi(returned)}/attachments`)).body.items
  assert.ok(evidence.some((f) => f.rectification_id === items[0].id && f.name === '签到表.pdf'), 'the answer carries its evidence')
  await jpage.context().close()

  const cpage = await newPage(browser)
  await login(cpage, 'reviewer', `/projects/${returned}/reports/${period}`)
  const citem = cpage.getByTestId('rectifications').locator(`[data-rectification="${items[0].id}"]`)
  await citem.getByRole('button', { name: '确认关闭' }).click()
  await confirmBox(cpage)
  await cpage.locator(`[data-rectification="${items[0].id}"][data-status="closed"]`).waitFor()
  assert.equal((await reviewer('GET', `${reportApi(returned)}/rectifications`)).body.items[0].status, 'closed')
  await picture(cpage, 'season-11-rectification-closed')

  // the round is closed: its reports leave the submitters' to-dos
  const ducha = await apiAs('ducha') // zonghe2's password is changed by round.test.mjs
  const fills = async () => (await ducha('GET', '/api/v1/todos')).body.items.filter((t) => t.period === period && t.kind === 'fill').length
  assert.equal(await fills(), 2, 'ducha has not filled 700 and 702 yet')
  await cpage.goto('/rounds')
  await cpage.getByTestId('rounds-table').getByRole('button', { name: '关闭' }).click()
  await cpage.locator('.el-message-box:visible').getByText('不再出现在待办中').waitFor()
  await confirmBox(cpage)
  await cpage.getByTestId('rounds-table').getByText('已关闭').waitFor()
  assert.equal((await reviewer('GET', `/api/v1/rounds/${round.id}`)).body.status, 'closed')
  assert.equal(await fills(), 0, 'a closed round leaves no report to fill')
  await cpage.context().close()
})
