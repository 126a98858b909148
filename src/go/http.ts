import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { HttpClient } from '@actions/http-client'

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 10_000 }

/** An HTTP answer that is not 200, or a connection that failed; names the URL, never a token. */
export class HttpError extends Error {
  constructor(
    readonly url: string,
    readonly status: number | null,
    detail: string,
  ) {
    super(`${url}: ${status === null ? detail : `HTTP ${status}${detail ? ` ${detail}` : ''}`}`)
    this.name = 'HttpError'
  }
  get retryable(): boolean {
    return this.status === null || isRetryableStatus(this.status)
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

export interface Fetcher {
  getText(url: string): Promise<string>
  download(url: string, dest: string): Promise<{ sha256: string; bytes: number }>
}

type Log = (message: string) => void
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** HTTP with retries on 5xx, 408, 429 and connection errors, through the runner's proxy settings. */
export function createFetcher(
  token: string,
  log: Log,
  policy: RetryPolicy = DEFAULT_RETRY,
): Fetcher {
  const client = new HttpClient('go-path-arbiter', [], {
    allowRetries: false,
    socketTimeout: 120_000,
  })

  async function attempt<T>(
    url: string,
    body: (res: import('node:http').IncomingMessage) => Promise<T>,
  ): Promise<T> {
    for (let n = 1; ; n++) {
      let retryAfter: string | undefined
      try {
        let res
        try {
          res = await client.get(url, authHeaders(url, token))
        } catch (err) {
          throw new HttpError(url, null, (err as Error).message || String(err))
        }
        const status = res.message.statusCode ?? 0
        if (status !== 200) {
          retryAfter = res.message.headers['retry-after'] as string | undefined
          res.message.resume()
          throw new HttpError(url, status, res.message.statusMessage ?? '')
        }
        return await body(res.message)
      } catch (err) {
        const httpErr =
          err instanceof HttpError ? err : new HttpError(url, null, (err as Error).message)
        if (!httpErr.retryable || n >= policy.attempts) {
          if (n > 1) httpErr.message += ` (after ${n} attempts)`
          throw httpErr
        }
        const wait = retryDelayMs(n, policy, retryAfter)
        log(`${httpErr.message}; retry ${n}/${policy.attempts - 1} in ${wait} ms`)
        await sleep(wait)
      }
    }
  }

  return {
    getText: (url) =>
      attempt(url, async (msg) => {
        const chunks: Buffer[] = []
        for await (const chunk of msg) chunks.push(chunk as Buffer)
        return Buffer.concat(chunks).toString('utf8')
      }),
    download: (url, dest) =>
      attempt(url, async (msg) => {
        const hash = createHash('sha256')
        let bytes = 0
        const tap = new Transform({
          transform(chunk: Buffer, _enc, done) {
            hash.update(chunk)
            bytes += chunk.length
            done(null, chunk)
          },
        })
        try {
          await pipeline(msg, tap, createWriteStream(dest))
          const expected = Number(msg.headers['content-length'] ?? NaN)
          if (Number.isFinite(expected) && expected !== bytes) {
            throw new Error(`truncated download: ${bytes} of ${expected} bytes`)
          }
        } catch (err) {
          await rm(dest, { force: true })
          throw err
        }
        return { sha256: hash.digest('hex'), bytes }
      }),
  }
}
