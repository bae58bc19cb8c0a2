import type { Schema } from '@/api/http'
import { computed, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { listPeriods } from '@/api/projects'

const periods = ref<Schema<'Period'>[]>([])
let loading: Promise<void> | null = null

/** The default period: the latest monitoring period, else the latest of all. */
export function defaultPeriod(ps: Schema<'Period'>[]): string {
  const sorted = [...ps].sort((a, b) => b.year - a.year || (a.kind === b.kind ? b.cutoff_month - a.cutoff_month : a.kind === 'monitor' ? -1 : 1))
  return sorted[0]?.key ?? String(new Date().getFullYear())
}

/** The periods (read once) and the one chosen in the URL's ?period=. */
export function usePeriod(opts: { inUrl?: boolean } = {}) {
  const route = useRoute()
  const router = useRouter()
  if (!loading) {
    loading = listPeriods()
      .then((ps) => {
        periods.value = ps
      })
      .catch(() => {
        loading = null
      })
  }
  const period = computed(() => {
    const q = route.query.period
    if (typeof q === 'string' && q) return q
    return periods.value.length ? defaultPeriod(periods.value) : ''
  })
  // a page that shows a period names it in its address, so that a pasted link shows the same
  watch(
    period,
    (p) => {
      if (opts.inUrl && p && route.query.period !== p) router.replace({ path: route.path, query: { ...route.query, period: p } })
    },
    { immediate: true },
  )
  function setPeriod(key: string) {
    router.push({ path: route.path, query: { ...route.query, period: key, page: undefined } })
  }
  return { periods, period, setPeriod, ready: () => loading ?? Promise.resolve() }
}
