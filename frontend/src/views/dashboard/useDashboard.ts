import type { Schema } from '@/api/http'
import { computed, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { getDashboard } from '@/api/dashboard'
import { usePeriod } from '@/composables/usePeriod'
import { pageCount, readPaging, withPaging } from './paging'

/**
 * The dashboard of the period, department, page and size in the address.
 * Every answer carries the totals of the whole dashboard and one page of its
 * projects. A page that fails to load leaves the totals shown (pageError);
 * a new period or department that fails shows nothing but the error.
 */
export function useDashboard() {
  const route = useRoute()
  const router = useRouter()
  const { period } = usePeriod({ inUrl: true })
  const department = computed(() => (typeof route.query.department === 'string' ? route.query.department : ''))
  const paging = computed(() => readPaging(route.query))

  const data = ref<Schema<'Dashboard'> | null>(null)
  const error = ref<unknown>(null)
  const pageError = ref<unknown>(null)
  const loading = ref(false)
  // the period and department the answer in data is of, and of the request under way
  const shown = ref('')
  const asked = ref('')
  let latest = 0

  const scope = () => `${period.value}|${department.value}`
  const pages = computed(() => (data.value ? pageCount(data.value.project_count, paging.value.size) : 1))

  async function load() {
    if (!period.value) return
    const mine = ++latest
    asked.value = scope()
    const samePlace = data.value !== null && asked.value === shown.value
    loading.value = true
    pageError.value = null
    if (!samePlace) error.value = null
    try {
      const d = await getDashboard({ period: period.value, department: department.value || undefined, ...paging.value })
      if (mine !== latest) return
      data.value = d
      shown.value = asked.value
      error.value = null
      // a link to a page past the end (the list got shorter): the last page, in place of the link
      if (paging.value.page > pages.value && d.project_count > 0) void goTo(pages.value, paging.value.size, true)
    } catch (e) {
      if (mine !== latest) return
      if (samePlace) {
        pageError.value = e
      } else {
        data.value = null
        error.value = e
      }
    } finally {
      if (mine === latest) loading.value = false
    }
  }
  watch([period, department, () => paging.value.page, () => paging.value.size], load, { immediate: true })

  function goTo(page: number, size: number, replace = false) {
    const to = { path: route.path, query: withPaging(route.query, { page, size }) }
    return replace ? router.replace(to) : router.push(to)
  }
  /** Another page: a new entry in the history, so that back returns to this one. */
  function setPage(page: number) {
    if (page !== paging.value.page) void goTo(page, paging.value.size, paging.value.page > pages.value)
  }
  /** Another page size, from the first page. */
  function setSize(size: number) {
    if (size !== paging.value.size) void goTo(1, size)
  }
  /** Another department ('' for all the caller sees), from the first page. */
  function setDepartment(code: string) {
    void router.push({ path: route.path, query: { ...route.query, department: code || undefined, page: undefined } })
  }

  return {
    period, department, paging, pages, data, error, pageError, load, setPage, setSize, setDepartment,
    /** a new period or department is loading: the totals on screen are not yet its own */
    loadingAll: computed(() => loading.value && asked.value !== shown.value),
    /** another page of the same dashboard is loading */
    loadingPage: computed(() => loading.value && asked.value === shown.value),
  }
}
