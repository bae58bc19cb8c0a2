import { baseCompile } from '@intlify/message-compiler'
import type { Plugin } from 'vite'
import { messageSyntax } from '../src/i18n/syntax'

type Node = { type: string; start: number; end: number; [k: string]: unknown }

/**
 * The messages of src/i18n compiled when the app is built, not in the
 * browser: vue-i18n's message compiler (some 40 KB of the entry script, and
 * its work on every message a page shows) stays out of the app. A message
 * with syntax (`共 {n} 条`, `{'@'}`) becomes its syntax tree, which vue-i18n
 * formats without compiling and without eval (the policy forbids it); a
 * plain text stays a string, read as it is (src/i18n/index.ts). A message
 * the compiler refuses fails the build.
 */
export function precompileMessages(): Plugin {
  return {
    name: 'jixiao-i18n-messages',
    enforce: 'post',
    transform(code, id) {
      if (!/\/src\/i18n\/(?!index\.ts|syntax\.ts)[^/]+\.ts$/.test(id)) return null
      const edits: Array<{ start: number; end: number; text: string }> = []
      const visit = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(visit)
        if (!node || typeof node !== 'object') return
        const n = node as Node
        if (n.type === 'Property' && !n.computed) {
          const v = n.value as Node
          const text = messageText(v)
          if (text !== undefined && messageSyntax.test(text)) {
            edits.push({ start: v.start, end: v.end, text: JSON.stringify(compileMessage(text, id)) })
            return
          }
        }
        for (const [k, child] of Object.entries(n)) if (k !== 'type' && k !== 'start' && k !== 'end') visit(child)
      }
      visit(this.parse(code))
      if (edits.length === 0) return null
      let out = code
      for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end)
      return { code: out, map: null }
    },
  }
}

function messageText(v: Node): string | undefined {
  if (v.type === 'Literal' && typeof v.value === 'string') return v.value
  const quasis = v.quasis as Array<{ value: { cooked: string } }> | undefined
  if (v.type === 'TemplateLiteral' && (v.expressions as unknown[]).length === 0 && quasis) return quasis[0].value.cooked
  return undefined
}

function compileMessage(text: string, id: string): unknown {
  const errors: string[] = []
  const { ast } = baseCompile(text, { jit: true, minify: true, location: false, onError: (e) => errors.push(e.message) })
  if (errors.length) throw new Error(`${id}: message ${JSON.stringify(text)}: ${errors.join('; ')}`)
  return ast
}
