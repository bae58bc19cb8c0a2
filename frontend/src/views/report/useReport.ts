// The report page's state: the report as the server last answered it (base),
// what the person typed (draft), the live evaluation (view, from the preview
// endpoint), and the actions. The server stays the only judge of lights,
// scores and what blocks submission.
import { computed, ref, shallowRef, watch } from 'vue'
import * as api from '@/api/reports'
import { getProject } from '@/api/projects'
import { ApiError, type Schema } from '@/api/http'
import { applyEdits, collisions, draftOf, editsBetween, fieldTarget, hasEdits, inputOf, patchOf, type Draft, type Edits } from './draft'
import { useDebounced } from './useDebounced'

/** A 409 stale_version: the newer report and the person's edits, kept. */
export interface Conflict {
  message: string
  theirs: Schema<'Report'>
  edits: Edits
  collisions: string[]
}

export function useReport(code: string, period: string) {
  const project = shallowRef<Schema<'Project'> | null>(null)
  const base = shallowRef<Schema<'Report'> | null>(null)
  const draft = ref<Draft>({ budget: { adjusted: '', executed: '', projected: '', reason: '' }, lines: [] })
  const view = shallowRef<Schema<'Report'> | null>(null)
  const adjustments = ref<Record<number, { score: string; reason: string }>>({})
  const loadError = ref<unknown>(null)
  const busy = ref(false)
  const previewing = ref(false)
  /** Field problems by "<indicator id>.<field>" or "budget.<field>", from a refused save or the blocking list. */
  const saveErrors = ref<Record<string, string>>({})
  const conflict = shallowRef<Conflict | null>(null)
  /** Whether typing is evaluated live: only for someone who edits or adjusts. */
  const live = ref(false)

  const edits = computed(() => (base.value ? editsBetween(draftOf(base.value), draft.value) : { budget: {}, lines: {} }))
  const dirty = computed(() => hasEdits(edits.value))
  const adjustmentList = computed<Schema<'Adjustment'>[]>(() =>
    Object.entries(adjustments.value)
      .filter(([, a]) => a.score.trim() !== '' || a.reason.trim() !== '')
      .map(([id, a]) => ({ indicator_id: Number(id), score: a.score.trim(), reason: a.reason.trim() })),
  )

  function adopt(r: Schema<'Report'>, keep?: Edits) {
    // the targets the report is filled against, which may be an earlier version than the project's
    if (project.value && r.indicators?.length) project.value = { ...project.value, indicators: r.indicators, execution_weight: r.execution_weight }
    base.value = r
    draft.value = keep ? applyEdits(draftOf(r), keep) : draftOf(r)
    view.value = r
  }

  async function load() {
    loadError.value = null
    try {
      const [p, r] = await Promise.all([getProject(code), api.getReport(code, period)])
      project.value = p
      adopt(r)
    } catch (e) {
      loadError.value = e
    }
  }

  // Live evaluation while typing: debounced, the latest answer wins.
  let seq = 0
  const preview = useDebounced(400, async () => {
    if (!base.value || !live.value) return
    const n = ++seq
    previewing.value = true
    try {
      const body = { ...inputOf(base.value.version, draft.value), adjustments: adjustmentList.value }
      const r = await api.previewReport(code, period, body)
      if (n === seq) {
        view.value = r
        saveErrors.value = {}
      }
    } catch (e) {
      if (n === seq && e instanceof ApiError && e.status === 422) saveErrors.value = fieldErrors(e)
    } finally {
      if (n === seq) previewing.value = false
    }
  })
  watch([draft, adjustments], () => preview.schedule(), { deep: true })

  function fieldErrors(e: ApiError): Record<string, string> {
    const out: Record<string, string> = {}
    const sent = draft.value.lines
    for (const [path, msg] of Object.entries(e.fields)) {
      const t = fieldTarget(path, sent)
      if (!t) out[path] = msg
      else out[t.indicatorId === null ? t.field : `${t.indicatorId}.${t.field}`] = msg
    }
    return out
  }

  /** Saves the edits (PATCH: only what changed). A 409 keeps them in `conflict`. */
  async function save(): Promise<boolean> {
    if (!base.value) return false
    if (!dirty.value) return true
    busy.value = true
    const mine = edits.value
    const sent = patchOf(base.value.version, mine)
    try {
      preview.cancel()
      adopt(await api.patchReport(code, period, sent))
      saveErrors.value = {}
      outdated.value = null
      return true
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === 'stale_version') {
        const theirs = await api.getReport(code, period)
        conflict.value = { message: e.message, theirs, edits: mine, collisions: collisions(draftOf(base.value), draftOf(theirs), mine) }
        return false
      }
      if (e instanceof ApiError && e.status === 422) {
        const out: Record<string, string> = {}
        for (const [path, msg] of Object.entries(e.fields)) {
          const t = fieldTarget(path, sent.lines)
          out[t ? (t.indicatorId === null ? t.field : `${t.indicatorId}.${t.field}`) : path] = msg
        }
        saveErrors.value = out
      }
      throw e
    } finally {
      busy.value = false
    }
  }

  /** Takes the newer version and puts the person's edits back on it (not saved yet). */
  function reapply() {
    const c = conflict.value
    if (!c) return
    adopt(c.theirs, c.edits)
    conflict.value = null
  }

  /** Takes the newer version and drops the person's edits. */
  function discard() {
    const c = conflict.value
    if (!c) return
    adopt(c.theirs)
    conflict.value = null
  }

  /** The newer version seen while the person had unsaved edits (saving will offer to merge). */
  const outdated = ref<number | null>(null)

  /**
   * Reads the report again (while the page is open, every so often): a
   * newer version or state is shown at once, unless the person has unsaved
   * edits, which are never overwritten: then outdated names the version.
   * It answers whether the report changed.
   */
  async function refresh(): Promise<boolean> {
    if (!base.value || busy.value || conflict.value) return false
    const was = base.value
    let r: Schema<'Report'>
    try {
      r = await api.getReport(code, period)
    } catch {
      return false // a read that fails leaves the page as it is; the next one tries again
    }
    if (base.value !== was || (r.version === was.version && r.status === was.status)) return false
    if (dirty.value) {
      outdated.value = r.version
      return false
    }
    adopt(r)
    outdated.value = null
    return true
  }

  async function act(fn: () => Promise<Schema<'Report'>>) {
    busy.value = true
    try {
      adopt(await fn())
      adjustments.value = {}
    } finally {
      busy.value = false
    }
  }

  const submit = () => act(() => api.submitReport(code, period))
  const approve = (comment: string, items: Schema<'RectificationDraft'>[] = []) => act(() => api.approveReport(code, period, comment, adjustmentList.value, items))
  const sendBack = (comment: string, items: Schema<'RectificationDraft'>[] = []) => act(() => api.returnReport(code, period, comment, items))
  const reopen = (reason: string) => act(() => api.reopenReport(code, period, reason))
  const retarget = () => act(() => api.retargetReport(code, period))

  return {
    project, base, draft, view, live, adjustments, adjustmentList, loadError, busy, previewing, saveErrors, conflict, dirty, outdated,
    load, save, reapply, discard, submit, approve, sendBack, reopen, retarget, refresh, flushPreview: preview.flush,
  }
}
