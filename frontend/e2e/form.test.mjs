// The monitoring form as a clerk and a reviewer use it at 1366×768: nothing
// wider than the screen, keys and paste as in Excel, full-width digits
// understood, and every light saying why.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launch, newPage, login, visit, apiAs } from './lib.mjs'

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
