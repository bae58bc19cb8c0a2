// The one place that talks HTTP: JSON in and out, the session cookie, the
// CSRF header on writes, the chosen language (the API answers its messages
// in English when asked), and errors turned into ApiError.
import { i18n, locale } from '@/i18n'
import type { components, paths } from './schema'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * The path templates of the OpenAPI document that have an operation of the
 * method: the types are generated from the document (schema.d.ts, make
 * api-types), so calling anything it does not describe fails to compile.
 */
export type PathOf<M extends Method> = {
  [P in keyof paths]: paths[P][Lowercase<M>] extends { responses: unknown } ? P : never
}[keyof paths]

/** A schema of the OpenAPI document, by name: the shapes the views hold. */
export type Schema<K extends keyof components['schemas']> = components['schemas'][K]

/** The operation of the document at method and path. */
export type Operation<M extends Method, P extends PathOf<M>> = paths[P][Lowercase<M>]

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never
type Success<R> = { [S in keyof R]: S extends 200 | 201 | 202 ? JsonOf<R[S]> : never }[keyof R]

/** What an operation answers when it succeeds (void for none, 204). */
export type Answer<M extends Method, P extends PathOf<M>> =
  Operation<M, P> extends { responses: infer R } ? ([Success<R>] extends [never] ? void : Success<R>) : never

/** The JSON body an operation takes (never for none). */
export type Body<M extends Method, P extends PathOf<M>> =
  Operation<M, P> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never

/** The query parameters of an operation. */
export type QueryOf<M extends Method, P extends PathOf<M>> =
  Operation<M, P> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never

/** An operation of the OpenAPI document: method and path template. */
export interface Endpoint<M extends Method = Method, P extends PathOf<M> = PathOf<M>> {
  method: M
  path: P
}

/** The operation of the document at method and path. */
export function op<const M extends Method, const P extends PathOf<M>>(method: M, path: P): Endpoint<M, P> {
  return { method, path }
}

/** The body of every API error (docs/api.md), with any members a refusal adds. */
export type ErrorBody = Schema<'Error'>['error'] & { [extra: string]: unknown }

/** A refused or failed request, with the server's code, message and fields. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fields: Record<string, string>
  readonly body: ErrorBody

  constructor(status: number, body: ErrorBody) {
    super(body.message || `HTTP ${status}`)
    this.status = status
    this.code = body.code
    this.fields = body.fields ?? {}
    this.body = body
  }
}

const csrfKey = 'jixiao.csrf'

/** Remembers the CSRF token of the login, for this browser's tabs. */
export function setCsrfToken(token: string | null): void {
  if (token) localStorage.setItem(csrfKey, token)
  else localStorage.removeItem(csrfKey)
}

/** Whether this browser signed in (and has not signed out) since its storage was cleared. */
export function hasCsrfToken(): boolean {
  return csrfToken() !== ''
}

/** The CSRF token of this browser's sign-in ('' when none), for writes outside call(). */
export function csrfToken(): string {
  return localStorage.getItem(csrfKey) ?? ''
}

let onUnauthorized: (() => void) | null = null

/** Called when a request answers 401 (the session ended): the router sends the person to /login. */
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn
}

export type Query = Record<string, string | number | boolean | undefined | null>

/** Fills {param} in a path template; every parameter is escaped. */
export function expand(path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name]
    if (v === undefined) throw new Error(`missing path parameter ${name}`)
    return encodeURIComponent(v)
  })
}

function queryString(q?: Query): string {
  if (!q) return ''
  const sp = new URLSearchParams()
  for (const [k, v] of Object.entries(q)) {
    if (v !== undefined && v !== null && v !== '') sp.set(k, String(v))
  }
  const s = sp.toString()
  return s ? `?${s}` : ''
}

export interface CallOptions<B = unknown> {
  params?: Record<string, string>
  query?: Query
  body?: B
  /** don't treat 401 as "session ended" (the login form itself) */
  quiet401?: boolean
  /** a pending sign-in's token (security): sent as the bearer, without the CSRF header */
  bearer?: string
}

// Reads started before the page that shows them has loaded its script (the
// router asks for a page's data beside its chunks: on a slow line the two
// would otherwise come one after the other). Each is taken once, by the
// first call of the same address in the same language, and only while fresh.
const early = new Map<string, { at: number; res: Promise<Response> }>()
const earlyFor = 10000

/** Starts a GET of an endpoint now, for a call() of the same address soon after. */
export function prefetch(ep: Endpoint<'GET'>, opts: Pick<CallOptions, 'params' | 'query'> = {}): void {
  const url = expand(ep.path, opts.params) + queryString(opts.query)
  const key = `${acceptLanguage()} ${url}`
  const now = Date.now()
  for (const [k, v] of early) if (now - v.at > earlyFor) early.delete(k)
  if (early.has(key)) return
  // ahead of the page's script in the browser's queue (six connections at a time)
  const res = fetch(url, { method: 'GET', credentials: 'same-origin', priority: 'high', headers: { Accept: 'application/json', 'Accept-Language': acceptLanguage() } })
  res.catch(() => undefined)
  early.set(key, { at: now, res })
}

function takeEarly(url: string): Promise<Response> | null {
  const key = `${acceptLanguage()} ${url}`
  const hit = early.get(key)
  if (!hit) return null
  early.delete(key)
  return Date.now() - hit.at <= earlyFor ? hit.res : null
}

/**
 * Sends one request to an endpoint and answers its JSON (undefined for 204),
 * typed as the document describes the operation's answer and body.
 */
export async function call<M extends Method, P extends PathOf<M>>(ep: Endpoint<M, P>, opts: CallOptions<NoInfer<Body<M, P>>> = {}): Promise<Answer<M, P>> {
  type T = Answer<M, P>
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': acceptLanguage() }
  const init: RequestInit = { method: ep.method, credentials: 'same-origin', headers }
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(opts.body)
  }
  if (opts.bearer) headers.Authorization = `Bearer ${opts.bearer}`
  else if (ep.method !== 'GET') headers['X-CSRF-Token'] = csrfToken()
  let res: Response
  const url = expand(ep.path, opts.params) + queryString(opts.query)
  const started = ep.method === 'GET' && !opts.bearer ? takeEarly(url) : null
  try {
    res = await (started ?? fetch(url, init))
  } catch {
    throw new ApiError(0, networkError())
  }
  if (res.status === 204) return undefined as T
  const text = await res.text()
  let data: unknown = undefined
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = undefined
    }
  }
  if (!res.ok) {
    const body = errorBody(res.status, data)
    if (res.status === 401 && !opts.quiet401 && onUnauthorized) onUnauthorized()
    throw new ApiError(res.status, body)
  }
  return data as T
}

function errorBody(status: number, data: unknown): ErrorBody {
  if (data && typeof data === 'object' && 'error' in data) {
    const e = (data as { error: unknown }).error
    if (e && typeof e === 'object' && 'code' in e) return e as ErrorBody
  }
  return httpError(status)
}

/** The Accept-Language of the chosen language: the API's messages come in it. */
export function acceptLanguage(): string {
  return locale.value === 'en' ? 'en' : 'zh-CN'
}

/** The error of a request that reached no server. */
export function networkError(): ErrorBody {
  return { code: 'network', message: i18n.global.t('net.offline') }
}

/** The error of an answer that carried no error body (a proxy's, a gateway's). */
export function httpError(status: number): ErrorBody {
  return { code: `http_${status}`, message: i18n.global.t('net.http', { status }) }
}
