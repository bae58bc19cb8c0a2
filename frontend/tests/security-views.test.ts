import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/i18n'
import { flow, reset, start } from '@/views/security/flow'
import CodeStep from '@/views/security/CodeStep.vue'
import CodeInput from '@/views/security/CodeInput.vue'

// The code step as a person meets it: a refused code is said in words, in
// the language chosen, and the form stays for the next code.
function answer(status: number, body: unknown) {
  const seen: string[] = []
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    seen.push(`${init.method} ${url} ${String(init.body)}`)
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  })
  return seen
}

async function mountStep() {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
  await router.push('/login/code')
  const w = mount(CodeStep, { global: { plugins: [i18n, router] } })
  return { w, router }
}

afterEach(() => {
  vi.unstubAllGlobals()
  reset()
  i18n.global.locale.value = 'zh-cn'
})

describe('the code step', () => {
  it.each([
    ['zh-cn', '已使用过'],
    ['en', 'already used'],
  ] as const)('says plainly (%s) that a replayed code is refused', async (locale, words) => {
    i18n.global.locale.value = locale
    start({ next: 'totp', pending_token: 'pend-9', expires_at: '' }, 'reviewer', '/review')
    const seen = answer(401, { error: { code: 'invalid_code', message: '验证码不正确、已过期或已使用' } })
    const { w, router } = await mountStep()
    await w.find('input').setValue('123 456')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(seen).toEqual(['POST /api/v1/auth/totp {"code":"123456"}'])
    expect(w.find('[data-testid="step-error"]').text()).toContain(words)
    expect(router.currentRoute.value.path).toBe('/login/code')
    expect(flow.token).toBe('pend-9')
    expect((w.find('input').element as HTMLInputElement).value).toBe('')
  })

  it('goes on to the page asked for once the code is taken', async () => {
    start({ next: 'totp', pending_token: 'pend-9', expires_at: '' }, 'reviewer', '/review?period=2024-06')
    answer(200, { token: 't', csrf_header: 'X-CSRF-Token', csrf_token: 'c', user: { id: 1, username: 'reviewer', display_name: '', roles: ['reviewer'], department: '', departments: [], projects: [], permissions: [] } })
    const { w, router } = await mountStep()
    await w.find('input').setValue('654321')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/review?period=2024-06')
    expect(flow.step).toBeNull()
  })

  it('checks the form before sending anything', async () => {
    start({ next: 'totp', pending_token: 'pend-9', expires_at: '' }, 'reviewer', '/review')
    const seen = answer(500, {})
    const { w } = await mountStep()
    await w.find('input').setValue('12ab')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(seen).toEqual([])
    expect(w.findComponent(CodeInput).props('error')).toBe('验证码为 6 位数字')
  })
})
