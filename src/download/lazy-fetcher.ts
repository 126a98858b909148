/**
 * The fetcher, loaded when the first request is made: a run that finds its Go in the tool
 * cache never loads the HTTP code (start-up is most of such a run's time).
 */
import type { Fetcher, FetcherOptions } from './http.js'

export type { Fetcher } from './http.js'

export function lazyFetcher(o: FetcherOptions): Fetcher {
  let made: Promise<Fetcher> | undefined
  const get = () => (made ??= import('./http.js').then((m) => m.createFetcher(o)))
  return {
    getText: async (url, maxBytes) => (await get()).getText(url, maxBytes),
    download: async (url, dest, size) => (await get()).download(url, dest, size),
  }
}
