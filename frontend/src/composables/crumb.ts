import { reactive } from 'vue'

// What the breadcrumb names instead of a code: the page showing a project
// tells the frame its name (names, not codes).
export const crumb = reactive<{ code: string; name: string }>({ code: '', name: '' })

/** Names the project a page shows, for the breadcrumb. */
export function nameProject(code: string, name: string): void {
  crumb.code = code
  crumb.name = name
}
