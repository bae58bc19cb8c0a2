// A city with a 主管部门 and two schools runs its annual self-evaluation:
// the schools' clerks submit, the 主管部门 endorses one in the web app and
// returns the other, the finance bureau finds the endorsed one in its queue's
// tab of endorsed reports, sees both levels in 流转记录 and approves it; its
// dashboard shows the 主管部门 with the schools folded under it.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launch, newPage, visit, apiAs, confirmBox, baseURL, timeout } from './lib.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

const temporary = 'Tmp-City-Passw0rd'
const own = 'Own-City-Passw0rd'
const suffix = Date.now().toString(36)

async function post(path, body, token) {
  const r = await fetch(`${baseURL}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeout),
  })
  const text = await r.text()
  return { status: r.status, body: text ? JSON.parse(text) : null }
}

/** An account the admin made: its first sign-in changes the temporary password. */
async function firstSignIn(username) {
  const login = await post('/api/v1/auth/login', { username, password: temporary })
  assert.equal(login.status, 200, `${username}: ${JSON.stringify(login.body)}`)
  assert.equal(login.body.next, 'password_change')
  const changed = await post('/api/v1/auth/password', { current: temporary, new: own }, login.body.pending_token)
  assert.equal(changed.status, 200, `${username}: ${JSON.stringify(changed.body)}`)
}

/** The API as one of the city's people. */
async function cityAPI(username) {
  const login = await post('/api/v1/auth/login', { username, password: own })
  assert.equal(login.status, 200)
  const token = login.body.token
  return async (method, path, body) => {
    const r = await fetch(`${baseURL}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeout),
    })
    const text = await r.text()
    return { status: r.status, body: text ? JSON.parse(text) : null }
  }
}

async function signIn(page, username, path) {
  await page.goto(path)
  await page.waitForURL(/\/login/)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码', { exact: true }).fill(own)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
}

const targets = (code) => ({
  code, year: 2024, name: `校园安全改造专项资金${code.slice(-2)}`, category: '3-特定目标类', budget: '12.00',
  goal: '完成校园安防设施改造，保障师生安全。',
  indicators: [
    { level1: '产出指标', level2: '数量指标', name: '监控点位改造数量', nature: '>=', target: '20', unit: '个', weight: '30' },
    { level1: '产出指标', level2: '质量指标', name: '设备故障率', nature: '<=', target: '2', unit: '%', weight: '20' },
    { level1: '产出指标', level2: '时效指标', name: '改造完成时间', nature: '=', target: '2024', unit: '年', weight: '10' },
    { level1: '成本指标', level2: '经济成本指标', name: '单个点位改造成本', nature: '<=', target: '0.5', unit: '万元', weight: '10' },
    { level1: '效益指标', level2: '社会效益', name: '校园安全水平', nature: '定性', target: '显著', weight: '10' },
    { level1: '满意度指标', level2: '服务对象满意度', name: '师生满意度', nature: '>=', target: '95', unit: '%', weight: '10' },
  ],
})

test('a 主管部门 endorses a school report, the finance bureau approves it', async () => {
  const admin = await apiAs('admin')
  const edu = `e2e${suffix}`
  const [one, two] = [`${edu}1`, `${edu}2`]
  for (const d of [{ code: edu, name: `市教育局${suffix}` }, { code: one, name: '市第一中学', parent_code: edu }, { code: two, name: '市第二中学', parent_code: edu }]) {
    const r = await admin('POST', '/api/v1/departments', d)
    assert.equal(r.status, 201, JSON.stringify(r.body))
  }
  const people = {
    clerk1: { roles: ['submitter'], departments: [one] },
    clerk2: { roles: ['submitter'], departments: [two] },
    edusup: { roles: ['supervisor'], departments: [edu], display_name: '教育局审核人' },
    cityfin: { roles: ['reviewer'], departments: [edu], display_name: '财政局审核人' },
  }
  const names = {}
  for (const [who, p] of Object.entries(people)) {
    names[who] = `${who}${suffix}`
    const r = await admin('POST', '/api/v1/users', { username: names[who], password: temporary, ...p })
    assert.equal(r.status, 201, JSON.stringify(r.body))
    await firstSignIn(names[who])
  }
  const as = {}
  for (const who of Object.keys(people)) as[who] = await cityAPI(names[who])

  // each school's targets: drafted, endorsed by the 主管部门, approved by 财政
  const codes = { clerk1: `${one}-A1`.toUpperCase(), clerk2: `${two}-A2`.toUpperCase() }
  for (const [clerk, code] of Object.entries(codes)) {
    assert.equal((await as[clerk]('POST', '/api/v1/projects', targets(code))).status, 201)
    assert.equal((await as[clerk]('POST', `/api/v1/projects/${code}/submit`, {})).status, 200)
    assert.equal((await as.cityfin('POST', `/api/v1/projects/${code}/approve`, { reason: '同意' })).status, 409, 'finance before the 主管部门')
    assert.equal((await as.edusup('POST', `/api/v1/projects/${code}/approve`, { reason: '同意' })).body.status, 'endorsed')
    assert.equal((await as.cityfin('POST', `/api/v1/projects/${code}/approve`, { reason: '同意' })).body.status, 'approved')
    const dept = people[clerk].departments
    assert.equal((await admin('PUT', `/api/v1/users/${names[clerk]}/assignments`, { departments: dept, projects: [code] })).status, 200)
    as[clerk] = await cityAPI(names[clerk])
    const ids = (await as[clerk]('GET', `/api/v1/projects/${code}`)).body.indicators.map((i) => i.id)
    const saved = await as[clerk]('PUT', `/api/v1/projects/${code}/reports/2024`, {
      version: 0, budget: { executed: '12.00' },
      lines: [
        { indicator_id: ids[0], value: '22' }, { indicator_id: ids[1], value: '1.5' }, { indicator_id: ids[2], completed_on: '2024-11-20' },
        { indicator_id: ids[3], value: '0.45' }, { indicator_id: ids[4], band: 'achieved', score_input: '9' }, { indicator_id: ids[5], value: '96' },
      ],
    })
    assert.equal(saved.status, 200, JSON.stringify(saved.body))
    const submitted = await as[clerk]('POST', `/api/v1/projects/${code}/reports/2024/submit`)
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body))
  }

  // the 主管部门: both schools wait in its queue; it returns one by API and endorses the other on screen
  const page = await newPage(browser)
  await signIn(page, names.edusup, '/review?period=2024')
  for (const code of Object.values(codes)) await page.locator(`[data-testid="review-table"] [data-project="${code}"]`).waitFor()
  assert.equal((await as.edusup('POST', `/api/v1/projects/${codes.clerk2}/reports/2024/return`, { comment: '请补充改造验收材料' })).status, 200)
  await page.locator(`[data-testid="review-table"] [data-project="${codes.clerk1}"]`).click()
  await page.getByRole('button', { name: '通过', exact: true }).click()
  await confirmBox(page, '主管部门审核同意')
  await page.getByTestId('report-status').getByText('主管部门已审核').waitFor()
  await page.locator('[data-level="1"]').getByText('主管部门审核').waitFor()
  await visit(page, 'city-01-endorsed-by-supervisor')

  // the finance bureau: the endorsed tab, both levels in 流转记录, the approval
  const fpage = await newPage(browser)
  await signIn(fpage, names.cityfin, '/review?period=2024&tab=endorsed')
  await fpage.locator(`[data-testid="review-table"] [data-project="${codes.clerk1}"]`).waitFor()
  assert.equal(await fpage.locator(`[data-testid="review-table"] [data-project="${codes.clerk2}"]`).count(), 0)
  await fpage.locator(`[data-testid="review-table"] [data-project="${codes.clerk1}"]`).click()
  await fpage.getByTestId('report-status').getByText('主管部门已审核').waitFor()
  await fpage.getByRole('button', { name: '通过', exact: true }).click()
  await confirmBox(fpage, '财政审核通过')
  await fpage.getByTestId('report-status').getByText('已通过').waitFor()
  await fpage.locator('[data-level="2"]').getByText('财政审核').waitFor()
  await visit(fpage, 'city-02-approved-by-finance')
  const r = (await as.cityfin('GET', `/api/v1/projects/${codes.clerk1}/reports/2024`)).body
  assert.deepEqual(r.transitions.map((t) => [t.to, t.level]), [['submitted', 0], ['endorsed', 1], ['approved', 2]])
  const returned = (await as.clerk2('GET', `/api/v1/projects/${codes.clerk2}/reports/2024`)).body
  assert.equal(returned.status, 'returned')

  // the finance bureau's dashboard: the 主管部门 with its schools folded under it
  await fpage.goto('/dashboard?period=2024')
  const rows = fpage.getByTestId('dashboard-departments')
  await rows.locator(`[data-department="${edu}"]`).waitFor()
  await rows.getByText('下级单位 2 个').waitFor()
  await visit(fpage, 'city-03-dashboard-by-department')
})
