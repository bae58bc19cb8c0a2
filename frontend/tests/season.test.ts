import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setCsrfToken, type Schema } from '@/api/http'
import { approveReport, returnReport } from '@/api/reports'
import { attachmentUrl, batchReview, departmentDocumentUrl, markNotificationsRead, uploadAttachment, uploadError } from '@/api/season'
import { accept, checkFile, formatSize, previewKind } from '@/components/evidence/evidence'
import { batchItems, summarize, useTicks } from '@/views/review/batch'
import { nextTick, ref } from 'vue'
import { approvedPercent, departmentName, isLater, roundProblems } from '@/views/rounds/rounds'
import { menu, Perm } from '@/utils/permissions'
import zhCn from '@/i18n/zh-cn'
import en from '@/i18n/en'
import { isMessageGroup as isGroup } from '@/i18n/syntax'

interface Seen {
  url: string
  init: RequestInit
}
let seen: Seen[] = []
function answer(status: number, body: unknown) {
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    seen.push({ url, init })
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  })
}
beforeEach(() => {
  seen = []
  localStorage.clear()
})
afterEach(() => vi.unstubAllGlobals())

describe('evidence files checked before upload', () => {
  it.each([
    ['报告.pdf', 10, null],
    ['SCAN.JPG', 10, null],
    ['表.xlsx', 10, null],
    ['run.exe', 10, 'badType'],
    ['noextension', 10, 'badType'],
    ['empty.pdf', 0, 'emptyFile'],
    ['big.pdf', 20 * 1024 * 1024 + 1, 'tooLarge'],
    ['limit.pdf', 20 * 1024 * 1024, null],
  ] as const)('%s of %d bytes → %s', (name, size, want) => {
    expect(checkFile({ name, size })).toBe(want)
  })
  it('offers only the types the server accepts', () => {
    expect(accept.split(',')).toEqual(['.pdf', '.png', '.jpg', '.jpeg', '.docx', '.xlsx'])
  })
  it('previews PDFs and images only', () => {
    expect(previewKind('application/pdf')).toBe('pdf')
    expect(previewKind('image/png')).toBe('image')
    expect(previewKind('image/jpeg')).toBe('image')
    expect(previewKind('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBeNull()
  })
  it('writes sizes as people read them', () => {
    expect([formatSize(812), formatSize(3482), formatSize(1310720)]).toEqual(['812 B', '3.4 KB', '1.25 MB'])
  })
})

describe('the season API client', () => {
  it('uploads multipart with the CSRF token and the line it supports', async () => {
    setCsrfToken('tok-9')
    answer(201, { id: 7, name: 'a.pdf' })
    const file = new File(['%PDF-1.7'], 'a.pdf', { type: 'application/pdf' })
    const a = await uploadAttachment('P 1', '2024', file, { indicatorId: 42 })
    expect(a.id).toBe(7)
    expect(seen[0].url).toBe('/api/v1/projects/P%201/reports/2024/attachments')
    expect((seen[0].init.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok-9')
    const form = seen[0].init.body as FormData
    expect(form.get('indicator_id')).toBe('42')
    expect(form.get('rectification_id')).toBeNull()
    expect((form.get('file') as File).name).toBe('a.pdf')
  })
  it('turns a refused upload into the server message, or a Chinese one for a bare 413', async () => {
    answer(422, { error: { code: 'invalid', message: '文件类型不支持', fields: { file: '文件类型不支持' } } })
    await expect(uploadAttachment('P1', '2024', new File(['x'], 'x.pdf'))).rejects.toMatchObject({ status: 422, message: '文件类型不支持' })
    expect(uploadError(413, undefined).message).toContain('文件过大')
  })
  it('sends rectification items with approve and return, and leaves the field out when none', async () => {
    answer(200, {})
    await approveReport('P1', '2024', '同意', [], [{ text: '补充签到表', due: '2025-01-31' }, { text: '说明', due: '' }])
    await returnReport('P1', '2024', '请补充', [])
    expect(JSON.parse(String(seen[0].init.body))).toEqual({ comment: '同意', adjustments: [], rectifications: [{ text: '补充签到表', due: '2025-01-31' }, { text: '说明' }] })
    expect(JSON.parse(String(seen[1].init.body))).toEqual({ comment: '请补充' })
  })
  it('sends a batch and marks notifications read', async () => {
    answer(200, { items: [] })
    await batchReview('approve', '同意', [{ code: 'A', period: '2024' }])
    await markNotificationsRead({ all: true })
    expect(seen.map((s) => `${s.init.method} ${s.url}`)).toEqual(['POST /api/v1/reports/batch', 'POST /api/v1/notifications/read'])
    expect(JSON.parse(String(seen[0].init.body))).toEqual({ action: 'approve', comment: '同意', items: [{ code: 'A', period: '2024' }] })
  })
  it('links downloads, previews and documents', () => {
    expect(attachmentUrl(5)).toBe('/api/v1/attachments/5')
    expect(attachmentUrl(5, true)).toBe('/api/v1/attachments/5?inline=1')
    expect(departmentDocumentUrl('003001', '2024')).toBe('/api/v1/departments/003001/reports/2024/document.docx')
  })
})

describe('batch review', () => {
  const row = (code: string) => ({ project: { code, name: code, department: { code: 'D', name: 'D' } }, period: '2024' }) as Schema<'ReportListItem'>
  it('sends the ticked rows and counts the refusals', () => {
    expect(batchItems([row('A'), row('B')])).toEqual([{ code: 'A', period: '2024' }, { code: 'B', period: '2024' }])
    expect(summarize([{ code: 'A', period: '2024', status: 'approved' }, { code: 'B', period: '2024', error: '报告不是已提交状态' }])).toEqual({ ok: 1, failed: 1 })
    expect(summarize([])).toEqual({ ok: 0, failed: 0 })
  })
  it('ticks rows one by one or all, and forgets them when the page changes', async () => {
    const rows = ref([row('A'), row('B'), row('C')])
    const t = useTicks(rows)
    t.tick('B', true)
    expect(t.selected.value.map((r) => r.project.code)).toEqual(['B'])
    expect([t.all.value, t.some.value]).toEqual([false, true])
    t.tickAll(true)
    expect([t.all.value, t.some.value, t.selected.value.length]).toEqual([true, false, 3])
    t.tick('A', false)
    expect(t.selected.value.map((r) => r.project.code)).toEqual(['B', 'C'])
    rows.value = [row('D')]
    await nextTick()
    expect([t.selected.value.length, t.all.value, t.some.value]).toEqual([0, false, false])
  })
})

describe('rounds', () => {
  it('names what an open-round form lacks', () => {
    expect(roundProblems({ period: '', departments: [], due: '', note: '' })).toEqual({ period: 'periodRequired', departments: 'departmentsRequired', due: 'dueRequired' })
    expect(roundProblems({ period: '2024', departments: ['003001'], due: '2025-01-31', note: '' })).toEqual({})
  })
  it('extends only to a later date', () => {
    expect(isLater('2025-02-01', '2025-01-31')).toBe(true)
    expect(isLater('2025-01-31', '2025-01-31')).toBe(false)
    expect(isLater('', '2025-01-31')).toBe(false)
  })
  it('shows the approved share and department names', () => {
    const r = { progress: { total: 12, filled: 12, submitted: 1, approved: 11, returned: 0, overdue: 0 } } as Schema<'Round'>
    expect(approvedPercent(r)).toBe(92)
    expect(approvedPercent({ progress: { total: 0, filled: 0, submitted: 0, approved: 0, returned: 0, overdue: 0 } } as Schema<'Round'>)).toBe(0)
    expect(departmentName('003001', new Map([['003001', '市政府办']]))).toBe('市政府办')
    expect(departmentName('X', new Map())).toBe('X')
  })
})

describe('the season in the menu', () => {
  const perms: Record<Schema<'Role'>, string[]> = {
    submitter: [Perm.ReportsWrite, Perm.TodosRead, Perm.RoundsRead],
    reviewer: [Perm.ReportsReview, Perm.TodosRead, Perm.RoundsRead, Perm.RoundsManage],
    supervisor: [Perm.ReportsReview, Perm.TodosRead, Perm.RoundsRead],
    admin: [Perm.UsersManage, Perm.TodosRead, Perm.RoundsRead, Perm.RoundsManage],
    auditor: [Perm.AuditRead, Perm.TodosRead, Perm.RoundsRead],
  }
  const me = (role: Schema<'Role'>): Schema<'Me'> => ({ id: 1, username: role, display_name: role, roles: [role], department: '', departments: [], projects: [], permissions: perms[role] })
  it.each([
    ['submitter', ['/todos']],
    ['reviewer', ['/rounds', '/todos']],
    ['admin', ['/rounds', '/todos']],
    ['auditor', ['/todos']],
  ] as const)('%s sees %j', (role, want) => {
    expect(menu.filter((m) => m.show(me(role)) && ['/rounds', '/todos'].includes(m.path)).map((m) => m.path)).toEqual(want)
  })
})

describe('the season in both languages', () => {
  // every key of the Chinese text has an English one (the type checks it too)
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (isGroup(v) ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
  it('has the same keys', () => {
    expect(keys(en.season)).toEqual(keys(zhCn.season))
    expect(keys(zhCn.season).length).toBeGreaterThan(100)
  })
})
