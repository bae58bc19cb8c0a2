import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { getDashboard, type DashboardQuery } from '@/api/dashboard'

let urls: string[] = []
beforeEach(() => {
  urls = []
  vi.stubGlobal('fetch', async (url: string) => {
    urls.push(url)
    return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } })
  })
})
afterEach(() => vi.unstubAllGlobals())

describe('getDashboard', () => {
  it('asks for the period alone when nothing else is chosen', async () => {
    await getDashboard({ period: '2024-06' })
    expect(urls).toEqual(['/api/v1/dashboard?period=2024-06'])
  })

  it('sends the department, page and size as query parameters', async () => {
    await getDashboard({ period: '2024-06', department: '003001', page: 2, size: 5 })
    expect(urls).toEqual(['/api/v1/dashboard?period=2024-06&department=003001&page=2&size=5'])
  })

  it('sends nothing the server does not know (it answers 400 to any other parameter)', async () => {
    await getDashboard({ period: '2024', page: 3, sort: 'score' } as DashboardQuery)
    expect(urls).toEqual(['/api/v1/dashboard?period=2024&page=3'])
  })
})
