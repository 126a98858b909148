/** The types of cache-service.mjs, the cache service on loopback (tests and bench). */
export type Fault = 'none' | 'forbidden' | 'write-denied' | 'corrupt'

export interface Entry {
  key: string
  version: string
  blob: string
  done: boolean
  at: number
}

export interface CacheService {
  /** ACTIONS_RESULTS_URL for the runs */
  url: string
  env: NodeJS.ProcessEnv
  entries: Entry[]
  calls: Array<{ method: string; body: Record<string, unknown> }>
  fault: Fault
  close(): Promise<void>
}

export const laneDir: string
export const azuriteBin: string
export function azuriteInstalled(): boolean
export function startCacheService(): Promise<CacheService>
