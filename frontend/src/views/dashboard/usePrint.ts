import type { Schema } from '@/api/http'
import { ref, shallowRef, watch, type Ref } from 'vue'
import { getDashboard } from '@/api/dashboard'
import { getReport } from '@/api/reports'
import type { PrintedProject } from '@/components/print/print'

/** Up to this many projects print line by line (each report is read); more print as the list. */
export const printLimit = 100
/** Reports read at once while preparing the printout. */
const parallel = 3

/**
 * The dashboard's printout: the monitoring table of its projects, each read
 * with the targets its report was filed against. The 打印 button reads the
 * reports of at most printLimit projects, a few at a time, before it prints;
 * nothing is read until then (opening the dashboard costs no report reads),
 * so Ctrl+P before it prints the list of projects. More projects print as
 * the list of the page.
 */
export function usePrint(data: Ref<Schema<'Dashboard'> | null>, department: Ref<string>) {
  const projects = shallowRef<PrintedProject[]>([])
  const ready = ref(false)
  let loading: Promise<void> | null = null
  let asked = ''

  function reset(d: Schema<'Dashboard'> | null) {
    projects.value = (d?.projects ?? []).map((summary) => ({ summary, report: null }))
    ready.value = false
    loading = null
  }

  async function read(d: Schema<'Dashboard'>, key: string): Promise<void> {
    let list = d.projects
    if (list.length < d.project_count) {
      list = (await getDashboard({ period: d.period.key, department: department.value || undefined, page: 1, size: printLimit })).projects
    }
    const reports = new Map<string, Schema<'Report'>>()
    let next = 0
    const worker = async () => {
      while (next < list.length) {
        const p = list[next++]
        reports.set(p.code, await getReport(p.code, d.period.key))
      }
    }
    await Promise.all(Array.from({ length: Math.min(parallel, list.length) }, worker))
    if (key !== asked) return // another period or department since
    projects.value = list.map((summary) => ({ summary, report: reports.get(summary.code) ?? null }))
    ready.value = true
  }

  /** Reads every project's report when there are few enough; resolves once the printout is whole. */
  function prepare(): Promise<void> {
    const d = data.value
    if (!d || d.project_count > printLimit || d.project_count === 0) return Promise.resolve()
    if (!loading) {
      const key = asked
      loading = read(d, key).catch(() => {
        loading = null // a failed read is tried again at the next print
      })
    }
    return loading
  }

  watch(
    data,
    (d, before) => {
      const key = d ? `${d.period.key}|${department.value}` : ''
      if (key !== asked || !before) {
        asked = key
        reset(d)
      } else if (!ready.value) {
        projects.value = (d?.projects ?? []).map((summary) => ({ summary, report: null }))
      }
    },
    { immediate: true },
  )

  return { projects, ready, prepare, tooMany: () => (data.value?.project_count ?? 0) > printLimit }
}
