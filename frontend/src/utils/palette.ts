import type { Schema } from '@/api/http'

// One palette everywhere (docs/ui.md): tables, cards, charts.
export const lightColor: Record<Schema<'Report'>['light'], string> = {
  red: '#F56C6C', yellow: '#E6A23C', green: '#67C23A', blue: '#409EFF', grey: '#909399',
}

export const gradeColor: Record<string, string> = { 优: '#67C23A', 良: '#409EFF', 中: '#E6A23C', 差: '#F56C6C' }

export const lights: Schema<'Report'>['light'][] = ['red', 'yellow', 'green', 'blue', 'grey']

/** The grades' colours darkened for text on white (WCAG AA, 4.5:1); the palette stays for borders and charts. */
export const gradeText: Record<string, string> = { 优: '#3b7d23', 良: '#1764c0', 中: '#94590a', 差: '#c23030' }
