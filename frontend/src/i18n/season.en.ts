import type { SeasonMessages } from './season.zh-cn'

// The reporting season's words in English.
const seasonEn: SeasonMessages = {
  menu: { rounds: 'Rounds', todos: 'To-dos & messages' },
  header: { todos: 'To-dos', notifications: 'Messages', unread: '{n} unread messages', pending: '{n} to-dos' },
  rounds: {
    title: 'Reporting rounds', open: 'Open a round', period: 'Period', departments: 'Departments', due: 'Due date', note: 'Note',
    notePlaceholder: 'Optional: what this round asks for', status: 'Status', open_: 'Open', closed: 'Closed', overdue: 'Overdue',
    progress: 'Progress', total: 'Reports', filled: 'Filled', submitted: 'Submitted', approved: 'Approved', returned: 'Returned',
    overdueCount: 'Overdue', createdBy: 'Opened by', extend: 'Extend', close: 'Close', newDue: 'New due date',
    document: 'Department document', empty: 'No round yet. Click "Open a round" and choose a period, departments and a due date.',
    confirmOpen: 'A round for "{period}" will be opened for {n} department(s), due {due}. Its reports become to-dos of their submitters and are reminded. Open it?',
    confirmExtend: 'The due date moves from {from} to {to}; overdue marks and reminders follow. Extend?',
    confirmClose: 'Once closed, the round\'s reports are no longer to-dos and no longer reminded (what was filled stays). Close it?',
    confirmUrge: 'The submitters of every report of this round not yet submitted (returned ones too) will be told to fill in and submit it (in the app, and by e-mail where they gave an address). Reports urged today are left out. Urge?',
    urgedDone: '{urged} reports urged, {notified} people told; {already} urged earlier today were left out',
    chooseDepartments: 'Search and choose departments',
    opened: 'Round opened', extended: 'Round extended', closedDone: 'Round closed',
    periodRequired: 'Choose a period', departmentsRequired: 'Choose at least one department', dueRequired: 'Choose a due date',
    dueLater: 'The new due date must be after the current one',
  },
  todos: {
    title: 'To-dos', notifications: 'Messages', kind: 'Kind', project: 'Project', period: 'Period', due: 'Due',
    content: 'Details', handle: 'Handle', overdue: 'Overdue', empty: 'Nothing waits for you.', noDue: '—',
    kinds: { fill: 'To fill', returned: 'Returned', rectification: 'To rectify', review: 'To review', rectification_answer: 'Answer to confirm', target_review: 'Targets to approve', target_change: 'Target change to decide' },
  },
  notifications: {
    empty: 'No messages.', markRead: 'Mark read', markAll: 'Mark all read', unread: 'Unread', read: 'Read', at: 'Time',
    open: 'Open', marked: 'Marked read', onlyUnread: 'Unread only',
  },
  evidence: {
    title: 'Evidence', upload: 'Upload evidence', target: 'For', wholeReport: 'The whole report', line: 'Indicator', name: 'File',
    size: 'Size', by: 'Uploaded by', at: 'Uploaded at', preview: 'Preview', download: 'Download', delete: 'Delete',
    empty: 'No evidence yet.', emptyEditable: 'No evidence yet. Choose what it supports, then click "Upload evidence".',
    hint: 'PDF, PNG, JPEG, Word (.docx) or Excel (.xlsx), at most {mb} MB each.',
    badType: 'This type is not accepted: upload a PDF, PNG, JPEG, Word (.docx) or Excel (.xlsx) file',
    tooLarge: 'The file is over {mb} MB: compress it and upload again', emptyFile: 'The file is empty: choose another',
    uploaded: '{name} uploaded', deleted: 'Deleted',
    confirmDelete: 'The evidence "{name}" will be deleted for good. Delete it?', rectification: 'Rectification answer',
  },
  rectification: {
    title: 'Rectification', text: 'Requirement', due: 'Due', status: 'Status', answer: 'Answer', answeredBy: 'Answered by',
    closedBy: 'Closed by', files: 'Evidence', empty: 'No rectification items.', add: 'Add a requirement', remove: 'Remove',
    draftTitle: 'Rectification (issued with "Approve" or "Return")', draftPlaceholder: 'What the submitter must put right',
    draftHint: 'Optional. The submitter answers each; you close them.', textRequired: 'Write the requirement',
    statuses: { open: 'Open', answered: 'To confirm', closed: 'Closed' },
    reply: 'Answer', replyPlaceholder: 'What was done', replyRequired: 'Write what was done', attach: 'Attach evidence',
    submitAnswer: 'Send answer', closeItem: 'Close', reopenItem: 'Reopen',
    confirmAnswer: 'The answer goes to the reviewer to confirm; you can add to it until then. Send it?',
    confirmClose: 'The item is done and will be closed, leaving the to-dos. Close it?',
    confirmReopen: 'The item goes back to the submitters to rectify again and returns to their to-dos. Reopen it?',
    answered: 'Answer sent', closed: 'Item closed', reopened: 'Item reopened', overdue: 'Overdue',
    withItems: '{n} rectification item(s) will be issued with it.',
  },
  batch: {
    all: 'Tick this page', selected: '{n} selected', approve: 'Approve selected', return: 'Return selected', resultTitle: 'Batch results',
    confirmApprove: 'The {n} selected reports will be approved one by one, each audited on its own; those refused are listed. Approve?',
    confirmReturn: 'The {n} selected reports will be returned one by one; their submitters can edit and submit again. Return?',
    comment: 'Comment', returnComment: 'Reason for returning (required)', summary: '{ok} done, {failed} failed',
    ok: 'Done', failed: 'Failed', project: 'Project', result: 'Result', hint: 'Tick reports to approve or return them together (at most 100 at a time)',
    tooMany: 'At most 100 reports at a time',
  },
  document: { report: 'Word document', department: 'Department document', hint: 'Download as .docx' },
}

export default seasonEn
