import type { Dashboard, Light } from '@/api/types'
import type { ChartOption } from '@/utils/charts'
import { plot } from '@/utils/charts'
import { gradeColor, lightColor, lights } from '@/utils/palette'

type T = (key: string) => string

const shortName = (s: string) => (s.length > 8 ? s.slice(0, 8) + '…' : s)

/** Score per project, each bar coloured by its grade. */
export function scoreOption(d: Dashboard, t: T): ChartOption {
  const ps = [...d.projects].sort((a, b) => plot(b.score) - plot(a.score))
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: ps.map((p) => shortName(p.name)), axisLabel: { rotate: 40, fontSize: 11 } },
    yAxis: { type: 'value', max: 100, name: t('dashboard.score') },
    series: [
      {
        type: 'bar',
        name: t('dashboard.score'),
        data: ps.map((p) => ({ value: plot(p.score), itemStyle: { color: gradeColor[p.grade] ?? lightColor.grey } })),
        label: { show: true, position: 'top', fontSize: 10, formatter: (x: { dataIndex: number }) => ps[x.dataIndex]?.grade ?? '' },
      },
    ],
  } as ChartOption
}

/** Execution rate per project against the time progress line. */
export function executionOption(d: Dashboard, t: T): ChartOption {
  const ps = d.projects
  const tp = plot(d.time_progress) * 100
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${Number(v).toFixed(2)}%` },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: ps.map((p) => shortName(p.name)), axisLabel: { rotate: 40, fontSize: 11 } },
    yAxis: { type: 'value', name: '%' },
    series: [
      {
        type: 'bar',
        name: t('dashboard.executionRate'),
        data: ps.map((p) => ({ value: plot(p.execution_rate) * 100, itemStyle: { color: lightColor[(p.budget_light || 'grey') as Light] } })),
        markLine: {
          symbol: 'none',
          data: [{ yAxis: tp, name: t('dashboard.timeProgress') }],
          label: { formatter: `${t('dashboard.timeProgress')} ${tp.toFixed(0)}%`, position: 'insideEndTop' },
          lineStyle: { color: '#303133', type: 'dashed' },
        },
      },
    ],
  } as ChartOption
}

/** Reports by the project's light. */
export function lightOption(d: Dashboard, t: T): ChartOption {
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
          .filter((l) => (d.by_light[l] ?? 0) > 0)
          .map((l) => ({ name: t(`light.${l}`), value: d.by_light[l] ?? 0, itemStyle: { color: lightColor[l] } })),
      },
    ],
  } as ChartOption
}
