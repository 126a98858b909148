/**
 * The one way this project starts a process: an argv array, a hard timeout that kills the
 * whole process tree, captured output with a size cap, and text decoding (UTF-16LE where a
 * Windows tool answers in it). On POSIX each child leads its own process group, and the
 * group is killed when the child ends too, so background children (a `sleep 600 &` in a
 * profile) never outlive the run.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { decodeAuto } from './decode.js'
import { endTree, killNow, type TreeScope } from './end-tree.js'
import { startOf } from './process-tree.js'

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
   * interactive shell (job control) puts each command in a group of its own, and a
   * startup file may fork twice and start a session of its own (shell probes). Such a
   * child gets a tag in its environment (TREE_TAG) by which what it started is found.
   */
  wholeTree?: boolean
  /**
   * The child has given its whole answer once its stdout shows this text (a shell in a
   * terminal says so there after writing its records): it is ended then, as a child that
   * exited 0, without waiting for its own exit.
   */
  answeredWhen?: string
  /** ends the child and everything it started (as a timeout does), with `error` "aborted" */
  signal?: AbortSignal
}

/** The variable that marks everything a probed shell started (its value is one run's own). */
export const TREE_TAG = 'GO_PATH_ARBITER_PROBE'

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
  /** processes it started that still ran when the wait for them ran out (none, normally) */
  left?: number[]
}

/** Captured text, with how much more there was when it was cut at the bound. */
export const keptText = (text: string, dropped: number) =>
  dropped > 0 ? `${text}\n[... ${dropped} more bytes not kept]` : text

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
    return keptText(s, this.dropped)
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
  private aborted = false
  private settled = false
  private scope?: TreeScope
  private readonly tag: string | undefined

  constructor(
    private readonly o: RunOptions,
    private readonly resolve: (r: RunResult) => void,
  ) {
    this.platform = o.platform ?? process.platform
    this.out = new Capture(o.maxBytes ?? DEFAULT_MAX_BYTES)
    this.err = new Capture(o.maxBytes ?? DEFAULT_MAX_BYTES)
    this.tag =
      o.wholeTree && this.platform !== 'win32'
        ? `${TREE_TAG}=${randomBytes(8).toString('hex')}`
        : undefined
  }

  start(file: string, args: readonly string[]): void {
    if (this.o.signal?.aborted) {
      this.finish(null, null, 'aborted')
      return
    }
    this.timer = setTimeout(() => this.timeout(), this.o.timeoutMs)
    this.o.signal?.addEventListener('abort', () => this.abort(), { once: true })
    try {
      this.child = spawn(file, [...args], {
        env: this.tag ? { ...this.o.env, [TREE_TAG]: this.tag.split('=')[1] } : this.o.env,
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
    const pid = this.child.pid
    if (pid) {
      this.scope = {
        pid,
        whole: !!this.o.wholeTree,
        tag: this.tag,
        // read at once: until this process collects it, the child's entry stays
        since: this.platform === 'linux' && this.tag ? startOf(pid) : undefined,
      }
    }
    this.listen(this.child)
  }

  private listen(child: ChildProcess): void {
    let tail = ''
    const answered = this.o.answeredWhen
    child.stdout?.on('data', (d: Buffer) => {
      this.out.add(d)
      if (!answered || this.settled) return
      const text = tail + d.toString('latin1')
      if (text.includes(answered)) this.finish(0, null)
      tail = text.slice(-answered.length)
    })
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
    this.killed(`timed out after ${this.o.timeoutMs} ms`)
  }

  private abort(): void {
    if (this.settled) return
    this.aborted = true
    this.killed('aborted')
  }

  /** Ended from here (a timeout, an abort): everything it started at once, then the wait. */
  private killed(error: string): void {
    if (this.scope) killNow({ ...this.scope, whole: true }, this.platform)
    this.finish(null, null, error)
  }

  /**
   * Nothing the child started may outlive it: POSIX its process group (with wholeTree
   * everything that belongs to it); Windows, after a timeout, its whole tree. Resolves once
   * they are gone, within a bound.
   */
  private async endAll(): Promise<number[]> {
    if (!this.scope) return []
    const killed = this.timedOut || this.aborted
    if (this.platform === 'win32' && !killed) return []
    const scope = killed ? { ...this.scope, whole: true } : this.scope
    return (await endTree(scope, this.platform)).left
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
    const durationMs = Math.round(performance.now() - this.began)
    void this.endAll().then((left) =>
      this.settle(exitCode, signal, durationMs, left, error, errorCode),
    )
  }

  private settle(
    exitCode: number | null,
    signal: NodeJS.Signals | null,
    durationMs: number,
    left: number[],
    error?: string,
    errorCode?: string,
  ): void {
    this.child?.stdout?.destroy()
    this.child?.stderr?.destroy()
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
      durationMs,
      ...(left.length > 0 ? { left } : {}),
    })
  }
}

/** One line on how a process ended, for messages. */
export function describeEnd(r: RunResult): string {
  const left = r.left?.length
    ? ` (${r.left.length} process(es) it started still ran when the wait for them ended: ${r.left.join(', ')})`
    : ''
  return `${endOf(r)}${left}`
}

function endOf(r: RunResult): string {
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
