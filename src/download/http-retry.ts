/** When a failed request is worth another attempt, and how long to wait (pure but the sleep). */
import { setTimeout as sleep } from 'node:timers/promises'

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 10_000 }

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

/** Runs `attempt` until it succeeds, fails for good, or the policy's attempts are used up. */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  log: (message: string) => void,
): Promise<T> {
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
      log(`${err.message}; retry ${n}/${policy.attempts - 1} in ${wait} ms`)
      await sleep(wait)
    }
  }
}
