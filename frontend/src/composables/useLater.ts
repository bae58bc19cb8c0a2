import { onBeforeUnmount, ref, watch, type Ref } from 'vue'

/**
 * True once the page's main part has been painted: after `until` turns true
 * and two animation frames (the frame that lays it out and the one that
 * paints it). What a page shows below its table (history, evidence, the
 * print sheet) waits for it, so that on a slow PC the table comes first.
 */
export function useLater(until: Ref<boolean>): Ref<boolean> {
  const later = ref(false)
  let frame = 0
  let scheduled = false
  const stop = watch(
    until,
    (ready) => {
      if (!ready || scheduled) return
      scheduled = true
      frame = requestAnimationFrame(() => {
        frame = requestAnimationFrame(() => {
          later.value = true
        })
      })
    },
    { immediate: true },
  )
  onBeforeUnmount(() => {
    cancelAnimationFrame(frame)
    stop()
  })
  return later
}
