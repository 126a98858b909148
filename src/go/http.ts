/**
 * HTTP for the release index and archives. The toolkit's client supplies the agent (so
 * the runner's proxy settings, HTTPS_PROXY / NO_PROXY, apply); the request itself is made
 * here, because every request needs deadlines the client does not give: one for the
 * connection and the response headers, one for a body that stops flowing, and one for the
 * whole attempt. Each destroys the socket. Bodies are capped (the index at a fixed size,
 * an archive at the size the index announced). Redirects are followed (go.dev/dl sends
 * archives to dl.google.com) but never from https to http, and the token never leaves
 * GitHub's hosts.
 */
import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import http, { type IncomingMessage } from 'node:http'
import https from 'node:https'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { HttpClient } from '@actions/http-client'

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 10_000 }

export interface Deadlines {
  /** connection plus response headers */
  headersMs: number
  /** the longest a body may stay silent */
  idleMs: number
  /** one whole attempt */
  totalMs: number
}

/** From the `download-timeout` input (seconds per attempt): silences get a quarter, 30 s at most. */
export function deadlinesFor(totalMs: number): Deadlines {
  const quiet = Math.min(30_000, Math.max(250, Math.round(totalMs / 4)))
  return { headersMs: quiet, idleMs: quiet, totalMs }
}

export const DEFAULT_DEADLINES = deadlinesFor(600_000)

/** A failed request; names the URL, never a token. */
export class HttpError extends Error {
  constructor(
    readonly url: string,
    /** the HTTP status, or null when there was no usable answer */
    readonly status: number | null,
    detail: string,
    /** timeouts, resets and 5xx/408/429 are worth another attempt; a 404 or a cap is not */
    readonly retryable: boolean,
    /** the server's Retry-After header, when it sent one */
    readonly retryAfter?: string,
  ) {
    super(`${url}: ${status === null ? detail : `HTTP ${status}${detail ? ` ${detail}` : ''}`}`)
    this.name = 'HttpError'
  }
}

export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429
}

/**
 * The wait before retry number `retry` (1-based): exponential from the base, capped, or
 * the server's Retry-After (seconds) when it sent one.
 */
export function retryDelayMs(retry: number, policy: RetryPolicy, retryAfter?: string): number {
  if (retryAfter !== undefined && /^\d+$/.test(retryAfter.trim())) {
    return Math.min(Number(retryAfter) * 1000, policy.maxDelayMs)
  }
  return Math.min(policy.baseDelayMs * 2 ** (retry - 1), policy.maxDelayMs)
}

/** Only GitHub's own hosts ever receive the `token` input. */
export function authHeaders(url: string, token: string): Record<string, string> {
  if (!token) return {}
  const host = new URL(url).hostname.toLowerCase()
  const github =
    host === 'github.com' || host === 'api.github.com' || host.endsWith('.githubusercontent.com')
  return github ? { authorization: `token ${token}` } : {}
}

/** A write to our own disk failed: not the server's fault, never retried. */
export class LocalWriteError extends Error {
  constructor(
    readonly path: string,
    override readonly cause: NodeJS.ErrnoException,
  ) {
    super(`cannot write ${path}: ${cause.code ?? cause.message}`)
    this.name = 'LocalWriteError'
  }
}

export interface Fetcher {
  getText(url: string, maxBytes: number): Promise<string>
  /** `expectedSize` (from the index) caps the body; 0 or undefined: no cap */
  download(
    url: string,
    dest: string,
    expectedSize?: number,
  ): Promise<{ sha256: string; bytes: number }>
}

type Log = (message: string) => void
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const MAX_REDIRECTS = 5

export interface FetcherOptions {
  token: string
  log: Log
  policy?: RetryPolicy
  deadlines?: Deadlines
}

export function createFetcher(o: FetcherOptions): Fetcher {
  const policy = o.policy ?? DEFAULT_RETRY
  const d = o.deadlines ?? DEFAULT_DEADLINES
  // the toolkit caches one agent per client whatever the protocol: one client per protocol
  const clients = {
    'http:': new HttpClient('go-path-arbiter', [], { allowRetries: false }),
    'https:': new HttpClient('go-path-arbiter', [], { allowRetries: false }),
  }

  /** One attempt: the response of `url` after redirects, and a body deadline to arm. */
  function open(
    url: string,
    consume: (res: IncomingMessage, fail: (e: Error) => void) => Promise<unknown>,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let done = false
      let req: http.ClientRequest | undefined
      const fail = (e: Error) => {
        if (done) return
        done = true
        clearTimeout(total)
        clearTimeout(headers)
        req?.destroy()
        reject(e)
      }
      const total = setTimeout(
        () =>
          fail(new HttpError(url, null, `timed out: the attempt took over ${d.totalMs} ms`, true)),
        d.totalMs,
      )
      let headers: NodeJS.Timeout | undefined
      const go = (target: string, hops: number) => {
        let parsed: URL
        try {
          parsed = new URL(target)
        } catch {
          return fail(new HttpError(url, null, `redirected to an invalid URL`, false))
        }
        const mod = parsed.protocol === 'https:' ? https : parsed.protocol === 'http:' ? http : null
        if (!mod) return fail(new HttpError(url, null, `redirected to ${parsed.protocol}`, false))
        clearTimeout(headers)
        headers = setTimeout(
          () =>
            fail(
              new HttpError(
                url,
                null,
                `timed out: no response headers within ${d.headersMs} ms`,
                true,
              ),
            ),
          d.headersMs,
        )
        req = mod.get(
          parsed,
          {
            agent: clients[parsed.protocol as 'http:' | 'https:'].getAgent(target),
            headers: { 'user-agent': 'go-path-arbiter', ...authHeaders(target, o.token) },
          },
          (res) => {
            clearTimeout(headers)
            const status = res.statusCode ?? 0
            if (status >= 300 && status < 400 && res.headers.location) {
              res.resume()
              if (hops >= MAX_REDIRECTS)
                return fail(new HttpError(url, null, `more than ${MAX_REDIRECTS} redirects`, false))
              const next = new URL(res.headers.location, target)
              if (parsed.protocol === 'https:' && next.protocol !== 'https:') {
                return fail(
                  new HttpError(
                    url,
                    null,
                    `refusing a redirect from https to ${next.protocol}`,
                    false,
                  ),
                )
              }
              return go(next.toString(), hops + 1)
            }
            if (status !== 200) {
              res.resume()
              return fail(
                new HttpError(
                  url,
                  status,
                  res.statusMessage ?? '',
                  isRetryableStatus(status),
                  res.headers['retry-after'],
                ),
              )
            }
            consume(res, fail).then(
              (value) => {
                if (done) return
                done = true
                clearTimeout(total)
                resolve(value)
              },
              (e: Error) => fail(e),
            )
          },
        )
        // a body (or a connection) that goes quiet
        req.setTimeout(d.idleMs, () =>
          fail(new HttpError(url, null, `timed out: nothing received for ${d.idleMs} ms`, true)),
        )
        req.on('error', (e) =>
          fail(e instanceof HttpError ? e : new HttpError(url, null, e.message || String(e), true)),
        )
      }
      go(url, 0)
    })
  }

  async function withRetries<T>(url: string, attempt: () => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await attempt()
      } catch (err) {
        if (!(err instanceof HttpError)) throw err
        if (!err.retryable || n >= policy.attempts) {
          if (n > 1) err.message += ` (after ${n} attempts)`
          throw err
        }
        const wait = retryDelayMs(n, policy, err.retryAfter)
        o.log(`${err.message}; retry ${n}/${policy.attempts - 1} in ${wait} ms`)
        await sleep(wait)
      }
    }
  }

  /** Counts the body and stops it past `max` bytes. */
  const capped = (url: string, max: number, what: string) => {
    let bytes = 0
    return new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length
        if (max > 0 && bytes > max) {
          done(new HttpError(url, null, `${what}: more than ${max} bytes; stopped`, false))
          return
        }
        done(null, chunk)
      },
    })
  }

  const checkLength = (url: string, res: IncomingMessage, max: number, what: string) => {
    const announced = Number(res.headers['content-length'] ?? NaN)
    if (max > 0 && Number.isFinite(announced) && announced > max) {
      throw new HttpError(
        url,
        null,
        `${what}: the server announces ${announced} bytes, more than ${max}`,
        false,
      )
    }
    return announced
  }

  return {
    getText: (url, maxBytes) =>
      withRetries(url, async () => {
        const text = await open(url, async (res, fail) => {
          checkLength(url, res, maxBytes, 'the answer')
          const chunks: Buffer[] = []
          const body: Readable = res.pipe(capped(url, maxBytes, 'the answer'))
          body.on('error', fail)
          res.on('error', fail)
          for await (const chunk of body) chunks.push(chunk as Buffer)
          return Buffer.concat(chunks).toString('utf8')
        })
        return text as string
      }),
    download: (url, dest, expectedSize = 0) =>
      withRetries(url, async () => {
        const got = await open(url, async (res) => {
          const announced = checkLength(url, res, expectedSize, 'the archive')
          const hash = createHash('sha256')
          let bytes = 0
          const tap = new Transform({
            transform(chunk: Buffer, _enc, done) {
              hash.update(chunk)
              bytes += chunk.length
              done(null, chunk)
            },
          })
          const file = createWriteStream(dest)
          let local: NodeJS.ErrnoException | undefined
          // pipeline also destroys the file with a network error: only a file system
          // call's own failure is ours
          file.on('error', (e: NodeJS.ErrnoException) => {
            if (e.syscall && ['open', 'write', 'close', 'fsync'].includes(e.syscall)) local = e
          })
          try {
            await pipeline(res, capped(url, expectedSize, 'the archive'), tap, file)
          } catch (err) {
            await rm(dest, { force: true }).catch(() => {})
            if (local) throw new LocalWriteError(dest, local)
            if (err instanceof HttpError) throw err
            const e = err as Error
            throw new HttpError(
              url,
              null,
              Number.isFinite(announced)
                ? `truncated download: ${bytes} of ${announced} bytes (${e.message})`
                : e.message,
              true,
            )
          }
          if (Number.isFinite(announced) && announced !== bytes) {
            await rm(dest, { force: true })
            throw new HttpError(
              url,
              null,
              `truncated download: ${bytes} of ${announced} bytes`,
              true,
            )
          }
          return { sha256: hash.digest('hex'), bytes }
        })
        return got as { sha256: string; bytes: number }
      }),
  }
}
