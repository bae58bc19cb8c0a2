/**
 * What makes a message more than its text: a placeholder (`{n}`), a literal
 * (`{'@'}`), a link (`@:`) or plural cases (`|`). The build compiles such
 * messages (vite/messages.ts); any other is shown as it is written.
 */
export const messageSyntax = /[{}@|]/

/** A group of messages, not a message (a text, or one the build compiled into a syntax tree). */
export function isMessageGroup(v: unknown): v is object {
  // a compiled message's root is of type 0, its short name t (the build minifies the tree)
  if (typeof v !== 'object' || v === null) return false
  const root = v as { type?: unknown; t?: unknown }
  return typeof root.type !== 'number' && typeof root.t !== 'number'
}
