// Apart from ECharts (utils/charts.ts): the pages that build a chart's
// option import this at once, ECharts itself only when the chart is drawn.

/** A decimal string as a number for drawing only: never used for arithmetic that is shown. */
export function plot(v: string | null | undefined): number {
  if (!v) return 0
  const n = Number(v)
  return Number.isFinite(n) ? n : 0
}
