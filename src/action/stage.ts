/**
 * A run as named stages (I/O: time and the log): one name labels a stage's failure, its
 * time in the timings line and, where it has one, its log group. Any error a stage throws
 * becomes a finding that names the stage.
 */
import { silentLog, type Log } from '../base/log.js'

export class Stages {
  /** how long each stage took, in ms; `start-up` is node's and the bundle's own */
  readonly timings: Record<string, number> = { 'start-up': Math.round(process.uptime() * 1000) }
  /** the stage under way (or the last one), for a failure's message */
  current = 'start-up'
  private last = performance.now()

  constructor(private readonly log: Log = silentLog) {}

  async run<T>(name: string, fn: () => Promise<T> | T, o: { group?: boolean } = {}): Promise<T> {
    this.current = name
    try {
      return o.group ? await this.log.group(name, async () => fn()) : await fn()
    } finally {
      const now = performance.now()
      this.timings[name] = Math.round(now - this.last)
      this.last = now
    }
  }

  /** `go-path-arbiter: timings (ms): start-up 180, set up Go 40, ...` */
  line(): string {
    this.timings.total = Math.round(process.uptime() * 1000)
    const parts = Object.entries(this.timings).map(([k, v]) => `${k} ${v}`)
    return `go-path-arbiter: timings (ms): ${parts.join(', ')}`
  }
}
