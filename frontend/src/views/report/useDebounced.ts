// Runs a task once the calls have paused for `ms`; flush runs it now.
export function useDebounced(ms: number, task: () => Promise<void>) {
  let timer: ReturnType<typeof setTimeout> | null = null
  const cancel = () => {
    if (timer) clearTimeout(timer)
    timer = null
  }
  return {
    schedule() {
      cancel()
      timer = setTimeout(() => {
        timer = null
        void task()
      }, ms)
    },
    cancel,
    async flush() {
      cancel()
      await task()
    },
  }
}
