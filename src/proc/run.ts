/**
 * The one way this project starts a process: an argv array, a hard timeout that kills the
 * whole process tree, captured output with a size cap, and text decoding (UTF-16LE where a
 * Windows tool answers in it). On POSIX each child leads its own process group, and the
 * group is killed when the child ends too, so background children (a `sleep 600 &` in a
 * profile) never outlive the run.
 */
import { spawn, spawnSync } from 'node:child_process'
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
  const platform = o.platform ?? process.platform
  const start = performance.now()
  const max = o.maxBytes ?? DEFAULT_MAX_BYTES
  return new Promise((resolve) => {
    const out = new Capture(max)
    const err = new Capture(max)
    let timedOut = false
    let settled = false
    let child: ReturnType<typeof spawn>
    const finish = (
      exitCode: number | null,
      signal: NodeJS.Signals | null,
      error?: string,
      errorCode?: string,
    ) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      // nothing the child started may outlive it (POSIX: its process group, or with
      // killSession everything in its session)
      if (child?.pid && platform !== 'win32') killTree(child.pid, platform, !!o.killSession)
      child?.stdout?.destroy()
      child?.stderr?.destroy()
      resolve({
        stdout: out.text(o.decode ?? 'utf8'),
        stderr: err.text(o.decode ?? 'utf8'),
        exitCode,
        signal,
        timedOut,
        truncated: { stdout: out.dropped, stderr: err.dropped },
        error,
        errorCode,
        durationMs: Math.round(performance.now() - start),
      })
    }
    const timer = setTimeout(() => {
      timedOut = true
      if (child?.pid) killTree(child.pid, platform)
      finish(null, null, `timed out after ${o.timeoutMs} ms`)
    }, o.timeoutMs)
    try {
      child = spawn(file, [...args], {
        env: o.env,
        cwd: o.cwd,
        windowsHide: true,
        windowsVerbatimArguments: o.verbatim,
        detached: platform !== 'win32',
        stdio: [o.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      })
    } catch (e) {
      const x = e as NodeJS.ErrnoException
      finish(null, null, x.message, x.code)
      return
    }
    child.stdout?.on('data', (d: Buffer) => out.add(d))
    child.stderr?.on('data', (d: Buffer) => err.add(d))
    if (o.input !== undefined) {
      child.stdin?.on('error', () => {}) // a child that exits without reading stdin
      child.stdin?.end(o.input)
    }
    child.on('error', (e: NodeJS.ErrnoException) => finish(null, null, e.message, e.code))
    // 'close' comes once the pipes are drained; a grandchild holding them open must not
    // keep us waiting after the child itself exited
    child.on('close', (code, signal) => finish(code, signal))
    child.on('exit', (code, signal) => setTimeout(() => finish(code, signal), 300).unref())
  })
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
