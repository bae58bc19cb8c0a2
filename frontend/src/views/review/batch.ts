import type { Schema } from '@/api/http'
import { computed, ref, watch, type Ref } from 'vue'

/** The server takes at most this many reports in one batch. */
export const batchLimit = 100

/** The rows ticked in the queue as the batch endpoint wants them. */
export function batchItems(rows: Schema<'ReportListItem'>[]): Schema<'BatchInput'>['items'][number][] {
  return rows.map((r) => ({ code: r.project.code, period: r.period }))
}

/** How many items the server moved and how many it refused. */
export function summarize(results: Schema<'BatchResult'>['items'][number][]): { ok: number; failed: number } {
  const failed = results.filter((r) => r.error !== undefined && r.error !== '').length
  return { ok: results.length - failed, failed }
}

/** The rows ticked in the queue, by project code; reset when the rows change. */
export function useTicks(rows: Ref<Schema<'ReportListItem'>[]>) {
  const ticked = ref(new Set<string>())
  watch(rows, () => (ticked.value = new Set()))
  const selected = computed(() => rows.value.filter((r) => ticked.value.has(r.project.code)))
  const all = computed(() => rows.value.length > 0 && selected.value.length === rows.value.length)
  const some = computed(() => selected.value.length > 0 && !all.value)
  function tick(code: string, on: boolean) {
    const next = new Set(ticked.value)
    if (on) next.add(code)
    else next.delete(code)
    ticked.value = next
  }
  function tickAll(on: boolean) {
    ticked.value = new Set(on ? rows.value.map((r) => r.project.code) : [])
  }
  return { ticked, selected, all, some, tick, tickAll }
}
