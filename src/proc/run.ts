/**
 * The one way this project starts a process: an argv array, a hard timeout that kills the
 * whole process tree, captured output with a size cap, and text decoding (UTF-16LE where a
 * Windows tool answers in it). On POSIX each child leads its own process group, and the
 * group is killed when the child ends too, so background children (a `sleep 600 &` in a
 * profile) never outlive the run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { decodeAuto } from './decode.js'
import { belongingTo, listProcesses } from './process-tree.js'

/** How much of each stream is kept; the rest is counted and marked. */
export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024

export interface RunOptions {
  env: NodeJS.ProcessEnv
  cwd?: string
  timeoutMs: number
  /** written to stdin, which is closed afterwards; stdin is closed at once without it */
  input?: string
  /** Windows command lines the runner builds itself (cmd) are passed verbatim */
  verbatim?: boolean
  /** `auto` detects UTF-16LE (wsl.exe's own messages); default UTF-8 */
  decode?: 'utf8' | 'auto'
  /** per stream (default 4 MiB) */
  maxBytes?: number
  platform?: NodeJS.Platform
  /**
   * When the child ends, stop everything it started, not only its process group: an
   * interactive shell (job control) puts each command in a group of its own (shell probes)
   */
  killSession?: boolean
}

export interface RunResult {
  stdout: string
  stderr: string
  /** null when killed or not started */
  exitCode: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  /** bytes dropped past maxBytes, per stream */
  truncated: { stdout: number; stderr: number }
  /** why it did not run or finish (spawn error, timeout) */
  error?: string
  /** the spawn error's code (`ENOENT`, `EACCES`, ...) */
  errorCode?: string
  durationMs: number
}

/**
 * Ends a process and everything it started. On POSIX the child leads its own session and
 * process group: the group is killed, and with `all` every process that descends from it
 * or stays in its session, whatever group job control gave it.
 */
export function killTree(pid: number, platform: NodeJS.Platform, all = true): void {
  if (platform === 'win32') {
    try {
      spawnSync('taskkill', ['/PID', String(pid), '/T', '/F'], {
        windowsHide: true,
        stdio: 'ignore',
        timeout: 10_000,
      })
    } catch {
      // already gone
    }
    return
  }
  const others = all ? belongingTo(pid, listProcesses(platform)) : []
  for (const target of [
    -pid,
    ...new Set(others.map((p) => -p.pgid)),
    ...others.map((p) => p.pid),
  ]) {
    try {
      process.kill(target, 'SIGKILL')
    } catch {
      // already gone, or not ours
    }
  }
}

class Capture {
  private chunks: Buffer[] = []
  private kept = 0
  dropped = 0
  constructor(private readonly max: number) {}
  add(b: Buffer): void {
    const room = this.max - this.kept
    if (room <= 0) {
      this.dropped += b.length
      return
    }
    const part = b.length > room ? b.subarray(0, room) : b
    this.chunks.push(part)
    this.kept += part.length
    this.dropped += b.length - part.length
  }
  text(decode: 'utf8' | 'auto'): string {
    const bytes = Buffer.concat(this.chunks)
    const s = decode === 'auto' ? decodeAuto(bytes) : bytes.toString('utf8')
    return this.dropped > 0 ? `${s}\n[... ${this.dropped} more bytes not kept]` : s
  }
}

export function runProcess(
  file: string,
  args: readonly string[],
  o: RunOptions,
): Promise<RunResult> {
  return new Promise((resolve) => new Run(o, resolve).start(file, args))
}

/** One child process: its captured output, its timer, and the one way it ends. */
class Run {
  private readonly platform: NodeJS.Platform
  private readonly began = performance.now()
  private readonly out: Capture
  private readonly err: Capture
  private child?: ChildProcess
  private timer?: NodeJS.Timeout
  private timedOut = false
  private settled = false

  constructor(
    private readonly o: RunOptions,
    private readonly resolve: (r: RunResult) => void,
  ) {
    this.platform = o.platform ?? process.platform
    this.out = new Capture(o.maxBytes ?? DEFAULT_MAX_BYTES)
    this.err = new Capture(o.maxBytes ?? DEFAULT_MAX_BYTES)
  }

  start(file: string, args: readonly string[]): void {
    this.timer = setTimeout(() => this.timeout(), this.o.timeoutMs)
    try {
      this.child = spawn(file, [...args], {
        env: this.o.env,
        cwd: this.o.cwd,
        windowsHide: true,
        windowsVerbatimArguments: this.o.verbatim,
        detached: this.platform !== 'win32',
        stdio: [this.o.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      })
    } catch (e) {
      const x = e as NodeJS.ErrnoException
      this.finish(null, null, x.message, x.code)
      return
    }
    this.listen(this.child)
  }

  private listen(child: ChildProcess): void {
    child.stdout?.on('data', (d: Buffer) => this.out.add(d))
    child.stderr?.on('data', (d: Buffer) => this.err.add(d))
    if (this.o.input !== undefined) {
      child.stdin?.on('error', () => {}) // a child that exits without reading stdin
      child.stdin?.end(this.o.input)
    }
    child.on('error', (e: NodeJS.ErrnoException) => this.finish(null, null, e.message, e.code))
    // 'close' comes once the pipes are drained; a grandchild holding them open must not
    // keep us waiting after the child itself exited
    child.on('close', (code, signal) => this.finish(code, signal))
    child.on('exit', (code, signal) => setTimeout(() => this.finish(code, signal), 300).unref())
  }

  private timeout(): void {
    this.timedOut = true
    if (this.child?.pid) killTree(this.child.pid, this.platform)
    this.finish(null, null, `timed out after ${this.o.timeoutMs} ms`)
  }

  private finish(
    exitCode: number | null,
    signal: NodeJS.Signals | null,
    error?: string,
    errorCode?: string,
  ): void {
    if (this.settled) return
    this.settled = true
    clearTimeout(this.timer)
    const child = this.child
    // nothing the child started may outlive it (POSIX: its process group, or with
    // killSession everything in its session)
    if (child?.pid && this.platform !== 'win32')
      killTree(child.pid, this.platform, !!this.o.killSession)
    child?.stdout?.destroy()
    child?.stderr?.destroy()
    const decode = this.o.decode ?? 'utf8'
    this.resolve({
      stdout: this.out.text(decode),
      stderr: this.err.text(decode),
      exitCode,
      signal,
      timedOut: this.timedOut,
      truncated: { stdout: this.out.dropped, stderr: this.err.dropped },
      error,
      errorCode,
      durationMs: Math.round(performance.now() - this.began),
    })
  }
}

/** One line on how a process ended, for messages. */
export function describeEnd(r: RunResult): string {
  if (r.timedOut) return r.error ?? 'timed out'
  if (r.error) return r.error
  if (r.signal) return `killed by ${r.signal}`
  return `exit ${r.exitCode}`
}

/** The last lines of what a process printed, for messages. */
export function tailOf(r: Pick<RunResult, 'stdout' | 'stderr'>, lines = 5, max = 500): string {
  const text = `${r.stdout}\n${r.stderr}`.replace(/\0/g, '').trim()
  return text.split(/\r?\n/).filter(Boolean).slice(-lines).join(' / ').slice(0, max)
}
