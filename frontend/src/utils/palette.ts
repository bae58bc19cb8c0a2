import type { Light } from '@/api/types'

// One palette everywhere (docs/ui.md): tables, cards, charts.
export const lightColor: Record<Light, string> = {
  red: '#F56C6C', yellow: '#E6A23C', green: '#67C23A', blue: '#409EFF', grey: '#909399',
}

export const gradeColor: Record<string, string> = { 优: '#67C23A', 良: '#409EFF', 中: '#E6A23C', 差: '#F56C6C' }

export const lights: Light[] = ['red', 'yellow', 'green', 'blue', 'grey']
