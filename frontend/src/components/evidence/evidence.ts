// Evidence files (佐证材料): what the browser may check before an upload (the
// server decides by content) and how a stored file is shown.

/** The size limit the server applies by default (JIXIAO_ATTACHMENT_MAX_MB). */
export const maxMB = 20

/** What the file picker offers; the server sniffs the content all the same. */
export const accept = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx'

const extensions = ['pdf', 'png', 'jpg', 'jpeg', 'docx', 'xlsx']

export type FileProblem = 'badType' | 'tooLarge' | 'emptyFile'

/** Why a picked file would be refused, or null: by its name and size only. */
export function checkFile(file: { name: string; size: number }, limitMB = maxMB): FileProblem | null {
  const ext = file.name.toLowerCase().split('.').pop() ?? ''
  if (!file.name.includes('.') || !extensions.includes(ext)) return 'badType'
  if (file.size === 0) return 'emptyFile'
  if (file.size > limitMB * 1024 * 1024) return 'tooLarge'
  return null
}

/** How a stored file previews in the page: PDFs in a frame, images as images, the rest not at all. */
export function previewKind(contentType: string): 'pdf' | 'image' | null {
  if (contentType === 'application/pdf') return 'pdf'
  if (contentType === 'image/png' || contentType === 'image/jpeg') return 'image'
  return null
}

/** Bytes as people read them: 812 B, 3.4 KB, 1.25 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`
}
