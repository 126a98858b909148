/**
 * One attempt at a URL (I/O): the response after redirects, with three deadlines that each
 * destroy the socket (connection and headers, a body that goes quiet, the whole attempt).
 * Redirects are followed (go.dev/dl sends archives to dl.google.com) but never from https
 * to anything else, and the token only ever goes to GitHub's own hosts.
 */
import type { Agent } from 'node:http'
import http, { type IncomingMessage } from 'node:http'
import https from 'node:https'
import type { Deadlines } from './http-deadlines.js'
import { HttpError, isRetryableStatus } from './http-retry.js'

export const MAX_REDIRECTS = 5

/** Only GitHub's own hosts ever receive the `token` input. */
export function authHeaders(url: string, token: string): Record<string, string> {
  if (!token) return {}
  const host = new URL(url).hostname.toLowerCase()
  const github =
    host === 'github.com' || host === 'api.github.com' || host.endsWith('.githubusercontent.com')
  return github ? { authorization: `token ${token}` } : {}
}

/** Where a redirect leads, or why it is not followed (pure). */
export function redirectTarget(from: URL, location: string): URL | string {
  let next: URL
  try {
    next = new URL(location, from)
  } catch {
    return 'redirected to an invalid URL'
  }
  if (next.protocol !== 'https:' && next.protocol !== 'http:')
    return `redirected to ${next.protocol}`
  if (from.protocol === 'https:' && next.protocol !== 'https:')
    return `refusing a redirect from https to ${next.protocol}`
  return next
}

/** What reads a response body: resolves with the value, or calls `fail`. */
export type Consume<T> = (res: IncomingMessage, fail: (e: Error) => void) => Promise<T>

export interface RequestOptions {
  deadlines: Deadlines
  token: string
  /** the agent for a URL (the toolkit's, so that proxy settings apply) */
  agentFor: (url: string) => Agent
}

/** One attempt in flight: its timers and its request, failed or settled once. */
class Attempt<T> {
  private settled = false
  private req?: http.ClientRequest
  private headers?: NodeJS.Timeout
  private readonly total: NodeJS.Timeout

  constructor(
    private readonly url: string,
    private readonly consume: Consume<T>,
    private readonly o: RequestOptions,
    private readonly resolve: (v: T) => void,
    private readonly reject: (e: Error) => void,
  ) {
    this.total = setTimeout(
      () =>
        this.fail(
          new HttpError(
            url,
            null,
            `timed out: the attempt took over ${o.deadlines.totalMs} ms`,
            true,
          ),
        ),
      o.deadlines.totalMs,
    )
  }

  readonly fail = (e: Error): void => {
    if (this.settled) return
    this.settled = true
    clearTimeout(this.total)
    clearTimeout(this.headers)
    this.req?.destroy()
    this.reject(e)
  }

  private succeed(value: T): void {
    if (this.settled) return
    this.settled = true
    clearTimeout(this.total)
    this.resolve(value)
  }

  send(target: URL, hops: number): void {
    const mod = target.protocol === 'https:' ? https : http
    const d = this.o.deadlines
    clearTimeout(this.headers)
    this.headers = setTimeout(
      () =>
        this.fail(
          new HttpError(
            this.url,
            null,
            `timed out: no response headers within ${d.headersMs} ms`,
            true,
          ),
        ),
      d.headersMs,
    )
    this.req = mod.get(
      target,
      {
        agent: this.o.agentFor(target.toString()),
        headers: {
          'user-agent': 'go-path-arbiter',
          ...authHeaders(target.toString(), this.o.token),
        },
      },
      (res) => this.answered(res, target, hops),
    )
    // a body (or a connection) that goes quiet
    this.req.setTimeout(d.idleMs, () =>
      this.fail(
        new HttpError(this.url, null, `timed out: nothing received for ${d.idleMs} ms`, true),
      ),
    )
    this.req.on('error', (e) =>
      this.fail(
        e instanceof HttpError ? e : new HttpError(this.url, null, e.message || String(e), true),
      ),
    )
  }

  private answered(res: IncomingMessage, target: URL, hops: number): void {
    clearTimeout(this.headers)
    const status = res.statusCode ?? 0
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume()
      if (hops >= MAX_REDIRECTS)
        return this.fail(
          new HttpError(this.url, null, `more than ${MAX_REDIRECTS} redirects`, false),
        )
      const next = redirectTarget(target, res.headers.location)
      if (typeof next === 'string') return this.fail(new HttpError(this.url, null, next, false))
      return this.send(next, hops + 1)
    }
    if (status !== 200) {
      res.resume()
      const retryAfter = res.headers['retry-after']
      return this.fail(
        new HttpError(
          this.url,
          status,
          res.statusMessage ?? '',
          isRetryableStatus(status),
          retryAfter,
        ),
      )
    }
    this.consume(res, this.fail).then(
      (v) => this.succeed(v),
      (e: Error) => this.fail(e),
    )
  }
}

/** One attempt: the response of `url` after redirects, read by `consume`. */
export function open<T>(url: string, consume: Consume<T>, o: RequestOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const a = new Attempt<T>(url, consume, o, resolve, reject)
    let target: URL
    try {
      target = new URL(url)
    } catch {
      return a.fail(new HttpError(url, null, 'not a URL', false))
    }
    if (target.protocol !== 'https:' && target.protocol !== 'http:')
      return a.fail(new HttpError(url, null, `not an http or https URL`, false))
    a.send(target, 0)
  })
}
