// Rule profiles in the browser, as an admin uses them: the shipped profiles
// with their sources, two compared side by side, a period scored by an
// unverified profile only after a second confirmation, its rescore
// reported, and the national profile chosen back. The API is the witness.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launch, newPage, login, visit, apiAs, confirmBox } from './lib.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

/** Picks an option of the select marked data-test=name from its own list. */
async function pick(page, name, label) {
  const select = page.locator(`[data-test="${name}"]`)
  await select.click()
  const listId = await select.locator('[aria-controls]').first().getAttribute('aria-controls')
  const list = page.locator(`[id="${listId}"]`)
  await list.getByRole('option', { name: label }).first().click()
  await list.waitFor({ state: 'hidden' })
}

test('an admin compares rule profiles and scores a period by another, twice confirmed when unverified', async () => {
  const admin = await apiAs('admin')
  const profiles = (await admin('GET', '/api/v1/rule-profiles')).body
  const national = profiles.find((p) => p.name === 'national')
  const bands = profiles.find((p) => p.name === 'grades-80-70-60')
  assert.ok(national?.verified && bands && !bands.verified, 'national is verified, grades-80-70-60 is not')

  const page = await newPage(browser)
  await login(page, 'admin', '/rule-profiles')
  const list = page.locator('[data-test="profiles"]')
  await list.getByText(national.source).first().waitFor()
  await list.getByText(bands.source).first().waitFor()

  // side by side: the grade bands differ, each with its value
  await pick(page, 'left', `national v${national.version}`)
  await pick(page, 'right', `grades-80-70-60 v${bands.version}`)
  const row = page.locator('[data-test="compare"] tr.differs', { hasText: '等级线' })
  await row.waitFor()
  assert.match(await row.innerText(), /90,80,60[\s\S]*80,70,60/)
  await visit(page, 'rule-profiles')

  // the annual period by the unverified profile: two confirmations
  await pick(page, 'period', '2024年度自评')
  await page.locator('[data-test="current-profile"]').waitFor()
  await pick(page, 'choose', `（grades-80-70-60 v${bands.version}）`)
  await page.locator('[data-test="choose-button"]').click()
  const first = page.locator('.el-message-box:visible', { hasText: '将 2024年度自评 的评分规则改为' })
  await first.getByRole('button', { name: '确定' }).click()
  // the first box fades out as the second comes
  const second = page.locator('.el-message-box:visible', { hasText: '来源未经核实' })
  await second.getByRole('button', { name: '确定' }).click()
  await second.waitFor({ state: 'hidden' })
  await page.locator('[data-test="current-profile"]', { hasText: `grades-80-70-60 v${bands.version}` }).waitFor()
  await page.locator('[data-test="progress"]', { hasText: '已重新评分' }).waitFor()
  let chosen = (await admin('GET', '/api/v1/periods/2024/rule-profile')).body
  assert.equal(chosen.profile.name, 'grades-80-70-60')
  assert.equal(chosen.chosen, true)

  // and back to national: verified, so one confirmation
  await pick(page, 'choose', `（national v${national.version}）`)
  await page.locator('[data-test="choose-button"]').click()
  await confirmBox(page)
  await page.locator('[data-test="current-profile"]', { hasText: `national v${national.version}` }).waitFor()
  for (let i = 0; i < 100; i++) {
    chosen = (await admin('GET', '/api/v1/periods/2024/rule-profile')).body
    if (!chosen.rescore || chosen.rescore.finished_at) break
    await new Promise((r) => setTimeout(r, 100))
  }
  assert.equal(chosen.profile.name, 'national')
  assert.ok(!chosen.rescore || chosen.rescore.finished_at, 'the rescore back to national finished')
  assert.deepEqual(page.errors, [])
  await page.context().close()
})
