/**
 * HTTP for the release index and archives: the fetcher the set-up and WSL use. The
 * toolkit's client supplies the agent (so the runner's proxy settings, HTTPS_PROXY /
 * NO_PROXY, apply); the request itself (http-request.ts) gives every attempt the deadlines
 * the client does not; bodies are capped as they stream (http-body.ts); failures worth it are
 * retried (http-retry.ts).
 */
import { HttpClient } from '@actions/http-client'
import { readText, saveBody } from './http-body.js'
import { DEFAULT_DEADLINES, type Deadlines } from './http-deadlines.js'
import { open } from './http-request.js'
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from './http-retry.js'

// Nothing else is exported from here: importing a value of this module loads the client and
// undici, so the errors and deadlines are imported from their own modules (start-up).

export interface Fetcher {
  getText(url: string, maxBytes: number): Promise<string>
  /** `expectedSize` (from the index) caps the body; 0 or undefined: no cap */
  download(
    url: string,
    dest: string,
    expectedSize?: number,
  ): Promise<{ sha256: string; bytes: number }>
}

export interface FetcherOptions {
  token: string
  log: (message: string) => void
  policy?: RetryPolicy
  deadlines?: Deadlines
}

export function createFetcher(o: FetcherOptions): Fetcher {
  const policy = o.policy ?? DEFAULT_RETRY
  // the toolkit caches one agent per client whatever the protocol: one client per protocol
  const clients = {
    http: new HttpClient('go-path-arbiter', [], { allowRetries: false }),
    https: new HttpClient('go-path-arbiter', [], { allowRetries: false }),
  }
  const request = {
    deadlines: o.deadlines ?? DEFAULT_DEADLINES,
    token: o.token,
    agentFor: (url: string) =>
      (url.startsWith('https:') ? clients.https : clients.http).getAgent(url),
  }
  return {
    getText: (url, maxBytes) =>
      withRetries(() => open(url, (res) => readText(url, res, maxBytes), request), policy, o.log),
    download: (url, dest, expectedSize = 0) =>
      withRetries(
        () => open(url, (res) => saveBody(url, res, dest, expectedSize), request),
        policy,
        o.log,
      ),
  }
}
