// Shapes of the reporting season's JSON (app/api/openapi/60-season.json).

export type RoundStatus = 'open' | 'closed'

export interface RoundProgress {
  total: number
  filled: number
  submitted: number
  approved: number
  returned: number
  overdue: number
}

export interface Round {
  id: number
  period: string
  departments: string[]
  due: string
  note: string
  status: RoundStatus
  created_by: string
  created_at: string
  closed_by?: string
  closed_at?: string
  /** with the progress: only GET /api/v1/rounds/{id} answers them */
  overdue?: boolean
  progress?: RoundProgress
}

export interface RoundInput {
  period: string
  departments: string[]
  due: string
  note: string
}

export interface RoundList {
  items: Round[]
  total: number
}

export type TodoKind = 'fill' | 'returned' | 'rectification' | 'review' | 'rectification_answer' | 'target_review' | 'target_change'

export interface Todo {
  kind: TodoKind
  project: { code: string; name: string }
  period: string
  due: string | null
  overdue: boolean
  link: string
  rectification_id?: number
  /** the item, the request's reason, or why a returned report came back */
  text?: string
  /** who returned the report, or submitted it for review, and when */
  by?: string
  by_name?: string
  at?: string
}

export interface TodoList {
  items: Todo[]
  total: number
}

export interface Notification {
  id: number
  kind: string
  title: string
  body: string
  link: string
  created_at: string
  read_at: string | null
}

export interface NotificationList {
  items: Notification[]
  unread: number
}

export interface Attachment {
  id: number
  name: string
  size: number
  content_type: string
  sha256: string
  indicator_id: number | null
  rectification_id: number | null
  uploaded_by: string
  uploaded_at: string
  link: string
}

export interface AttachmentList {
  items: Attachment[]
  total: number
}

export type RectificationStatus = 'open' | 'answered' | 'closed'

export interface RectificationDraft {
  text: string
  due: string
}

export interface Rectification {
  id: number
  project: string
  period: string
  text: string
  due: string | null
  status: RectificationStatus
  status_label: string
  overdue: boolean
  answer: string
  created_by: string
  created_at: string
  answered_by?: string
  answered_at?: string
  closed_by?: string
  closed_at?: string
}

export interface RectificationList {
  items: Rectification[]
  total: number
}

export type BatchAction = 'approve' | 'return'

export interface BatchItem {
  code: string
  period: string
}

export interface BatchItemResult extends BatchItem {
  status?: string
  error?: string
  error_code?: string
}

export interface BatchResult {
  items: BatchItemResult[]
}
