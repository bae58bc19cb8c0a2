import type { Schema } from '@/api/http'
import type { ChartOption } from '@/utils/charts'
import { plot } from '@/utils/plot'
import { formatRate } from '@/utils/decimal'
import { gradeColor, lightColor, lights } from '@/utils/palette'

type T = (key: string) => string

/**
 * What the charts draw: the totals of the whole dashboard. The projects are
 * one page of the list (a province has tens of thousands), so no chart reads them.
 */
export type DashboardTotals = Omit<Schema<'Dashboard'>, 'projects'>

/** The totals of a dashboard answer, without its page of projects. */
export function totalsOf(d: Schema<'Dashboard'>): DashboardTotals {
  const { projects: _page, ...totals } = d
  return totals
}

export const grades = ['优', '良', '中', '差'] as const

/** Reported projects by grade, each bar in its grade's colour, and those not reported (drafts, returned, unfilled) in grey. */
export function gradeOption(d: DashboardTotals, t: T): ChartOption {
  const graded = grades.reduce((n, g) => n + (d.by_grade[g] ?? 0), 0)
  const bars = [
    ...grades.map((g) => ({ name: t(`grades.${g}`), value: d.by_grade[g] ?? 0, color: gradeColor[g] })),
    { name: t('outputs.dashboard.notReported'), value: Math.max(0, d.project_count - graded), color: lightColor.grey },
  ]
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: bars.map((b) => b.name), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1, name: t('dashboard.projects') },
    series: [
      {
        type: 'bar',
        name: t('dashboard.projects'),
        barMaxWidth: 48,
        data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.color } })),
        label: { show: true, position: 'top' },
      },
    ],
  } as ChartOption
}

/** The execution rate of all the projects together against the time progress line. */
export function executionOption(d: DashboardTotals, t: T): ChartOption {
  const rate = plot(d.execution_rate) * 100
  const tp = plot(d.time_progress) * 100
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${Number(v).toFixed(2)}%` },
    grid: { left: 8, right: 32, top: 24, bottom: 8, containLabel: true },
    yAxis: { type: 'category', data: [t('dashboard.rate')] },
    xAxis: { type: 'value', name: '%', max: Math.max(100, Math.ceil(rate)) },
    series: [
      {
        type: 'bar',
        name: t('dashboard.rate'),
        barMaxWidth: 28,
        // a neutral colour: the lights' colours mean lights only (docs/ui.md)
        data: [{ value: rate, itemStyle: { color: '#73767A' } }],
        label: { show: true, position: 'right', formatter: () => formatRate(d.execution_rate) },
        markLine: {
          symbol: 'none',
          data: [{ xAxis: tp, name: t('dashboard.timeProgress') }],
          label: { formatter: `${t('dashboard.timeProgress')} ${formatRate(d.time_progress, 0)}`, position: 'end' },
          lineStyle: { color: '#303133', type: 'dashed' },
        },
      },
    ],
  } as ChartOption
}

/** Reports by the project's light. */
export function lightOption(d: DashboardTotals, t: T): ChartOption {
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}: {c}' },
        data: lights
          .filter((l: Schema<'Report'>['light']) => (d.by_light[l] ?? 0) > 0)
          .map((l) => ({ name: t(`light.${l}`), value: d.by_light[l] ?? 0, itemStyle: { color: lightColor[l] } })),
      },
    ],
  } as ChartOption
}
