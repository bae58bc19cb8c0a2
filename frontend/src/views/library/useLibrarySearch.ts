import type { Schema } from '@/api/http'
import { ref, watch } from 'vue'
import { getLibraryEntry, searchLibrary } from '@/api/library'
import { useDebounced } from '@/views/report/useDebounced'

/** The first levels an entry may have, in the order of the national forms. */
export const level1s = ['产出指标', '成本指标', '效益指标', '满意度指标']

/**
 * A search of the indicator library as the library page and the target
 * editor's picker run it: words, first level and scope, debounced, and each
 * entry's uses read when its row is expanded. department narrows the
 * department entries to one; failure is told to onError.
 */
export function useLibrarySearch(opts: { size: number; department?: () => string; onError: (message: string) => void }) {
  const q = ref('')
  const level1 = ref('')
  const scope = ref<'' | 'common' | 'department'>('')
  const items = ref<Schema<'LibraryEntry'>[]>([])
  const total = ref(0)
  const loading = ref(false)
  const uses = ref<Record<number, Schema<'LibraryUse'>[]>>({})

  const search = useDebounced(250, async () => {
    loading.value = true
    try {
      const r = await searchLibrary({ q: q.value.trim() || undefined, level1: level1.value || undefined, scope: scope.value || undefined,
        department: opts.department?.() || undefined, size: opts.size })
      items.value = r.items
      total.value = r.total
    } catch (e) {
      opts.onError(e instanceof Error ? e.message : String(e))
    } finally {
      loading.value = false
    }
  })
  watch([q, level1, scope], () => search.schedule())

  async function expand(row: Schema<'LibraryEntry'>) {
    if (uses.value[row.id]) return
    try {
      uses.value = { ...uses.value, [row.id]: (await getLibraryEntry(row.id)).uses }
    } catch {
      uses.value = { ...uses.value, [row.id]: [] }
    }
  }
  return { q, level1, scope, items, total, loading, uses, search, expand }
}
