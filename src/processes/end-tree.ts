/**
 * Ending a process and everything it started, and waiting until it has ended (I/O). A
 * SIGKILL is delivered at once, but a process takes a while to be gone (a large runtime
 * such as pwsh's tears down its threads and memory), and a process it forked a moment
 * before may not have been listed yet: so the processes are listed and killed again until
 * none is left, within a bound. A process that has ended but was not collected by its
 * parent (a zombie; some containers' PID 1 never collects them) runs nothing and counts
 * as gone.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { spawnSync } from 'node:child_process'
import {
  belongingTo,
  descendantsOf,
  listForEnding,
  listProcesses,
  parseProcStat,
  type Proc,
} from './process-tree.js'
import { readFileSync } from 'node:fs'

/** How long the processes of one tree may take to be gone after SIGKILL, on a loaded machine. */
export const END_WAIT_MS = 15_000
/**
 * The waits between two looks: short at first (a process ended with SIGKILL is usually gone
 * within a few milliseconds, and a probe's answer waits for it), then 20 ms.
 */
const POLLS_MS = [2, 5, 10, 20]

export interface TreeScope {
  pid: number
  /**
   * Everything it started, not only its process group: its descendants, its session, and
   * every process that carries its tag (an interactive shell's jobs, double forks, setsid)
   */
  whole: boolean
  /** `NAME=VALUE` put into its environment when it started (POSIX, with `whole`) */
  tag?: string
  /** when it started (Linux clock ticks): only newer processes are read for the tag */
  since?: number
}

/** What was left when the bound ran out: the pids still running (empty: all gone). */
export type TreeEnd = { left: number[] }

function signal(target: number, sig: NodeJS.Signals | 0): boolean {
  try {
    process.kill(target, sig)
    return true
  } catch {
    return false // gone, or not ours
  }
}

/** This process's own group, which is never signalled (Linux; 0 elsewhere). */
function ownGroup(): number {
  try {
    return parseProcStat(readFileSync('/proc/self/stat', 'utf8'))?.pgid ?? 0
  } catch {
    return 0
  }
}

/** The processes of the scope that still run (pure, over one listing). */
export function stillRunning(scope: TreeScope, procs: readonly Proc[], self: number): Proc[] {
  const inScope = scope.whole
    ? belongingTo(scope.pid, procs)
    : procs.filter((p) => p.pgid === scope.pid)
  const root = procs.filter((p) => p.pid === scope.pid)
  const all = new Map([...root, ...inScope].map((p) => [p.pid, p]))
  return [...all.values()].filter((p) => !p.ended && p.pid > 1 && p.pid !== self)
}

/** What the wait for a POSIX tree does, given (real processes, or a test's). */
export interface TreeIo {
  /** the processes now (the tag read where the scope has one) */
  list(): Proc[] | Promise<Proc[]>
  /** false when the target is gone (or not ours) */
  signal(target: number, sig: NodeJS.Signals | 0): boolean
  sleep(ms: number): Promise<void>
  now(): number
  /** this process and its group, never signalled */
  self: number
  ownGroup: number
}

/**
 * POSIX: each round lists the processes in scope first (while the links to the root still
 * hold), then SIGKILLs the group, each of them and its group; until a listing finds none
 * running, or the bound runs out.
 */
export async function endPosixWith(scope: TreeScope, io: TreeIo): Promise<TreeEnd> {
  const deadline = io.now() + END_WAIT_MS
  for (let round = 0; ; round++) {
    // a group already gone, and nothing else asked for: the usual end, without a listing
    const listed =
      scope.whole || io.signal(-scope.pid, 0) ? stillRunning(scope, await io.list(), io.self) : []
    io.signal(-scope.pid, 'SIGKILL')
    for (const p of listed) {
      if (p.pgid > 1 && p.pgid !== io.ownGroup) io.signal(-p.pgid, 'SIGKILL')
      io.signal(p.pid, 'SIGKILL')
    }
    if (listed.length === 0) return { left: [] }
    if (io.now() > deadline) return { left: listed.map((p) => p.pid) }
    await io.sleep(POLLS_MS[Math.min(round, POLLS_MS.length - 1)])
  }
}

const realIo = (scope: TreeScope, platform: NodeJS.Platform): TreeIo => ({
  list: () => listForEnding(platform, scope.whole ? { tag: scope.tag, since: scope.since } : {}),
  signal,
  sleep,
  now: () => performance.now(),
  self: process.pid,
  ownGroup: platform === 'linux' ? ownGroup() : 0,
})

/** `taskkill /T` names each process it ended: `... PID 1234 (child process of PID 1000) ...`. */
export function taskkillPids(stdout: string): number[] {
  const out: number[] = []
  for (const line of stdout.split(/\r?\n/)) {
    const m = /\bPID\s+(\d+)/i.exec(line)
    if (m) out.push(Number(m[1]))
  }
  return out
}

/** Windows: `taskkill /T /F`, then each process it named is checked until gone. */
async function endWindows(scope: TreeScope): Promise<TreeEnd> {
  const kill = (pid: number, tree: boolean) =>
    spawnSync('taskkill', ['/PID', String(pid), ...(tree ? ['/T'] : []), '/F'], {
      windowsHide: true,
      encoding: 'utf8',
      timeout: 10_000,
    }).stdout ?? ''
  const named = [scope.pid, ...taskkillPids(kill(scope.pid, true))]
  // a taskkill without /T (wine's) refuses the whole call: the process itself, then
  if (signal(scope.pid, 0)) named.push(...taskkillPids(kill(scope.pid, false)))
  const deadline = performance.now() + END_WAIT_MS
  let retried = false
  for (;;) {
    const left = [...new Set(named)].filter((pid) => signal(pid, 0))
    if (left.length === 0) return { left: [] }
    if (performance.now() > deadline) return { left }
    if (!retried && performance.now() > deadline - END_WAIT_MS / 2) {
      retried = true
      for (const pid of left) kill(pid, true)
    }
    await sleep(100)
  }
}

/** Ends the process and what belongs to it; resolves once they are gone (or the bound ran out). */
export function endTree(scope: TreeScope, platform: NodeJS.Platform): Promise<TreeEnd> {
  return platform === 'win32' ? endWindows(scope) : endPosixWith(scope, realIo(scope, platform))
}

/**
 * At once, without waiting (a timeout): the group, and with `whole` everything in scope
 * now. On Linux that is everything below it, read through the kernel's children lists
 * while the links still hold, each with its group (a shell in a terminal leads a group of
 * its own, below the program that made the terminal); what left the tree before (a double
 * fork) carries the tag, and the wait that follows (endTree) lists and ends it. Elsewhere
 * one listing of every process, here and now.
 */
export function killNow(scope: TreeScope, platform: NodeJS.Platform): void {
  if (platform === 'win32') return
  if (scope.whole && platform === 'linux') {
    const below = descendantsOf(scope.pid)
    signal(-scope.pid, 'SIGKILL')
    for (const pid of below) {
      signal(-pid, 'SIGKILL')
      signal(pid, 'SIGKILL')
    }
    return
  }
  const listed = scope.whole
    ? stillRunning(
        scope,
        listProcesses(platform, { tag: scope.tag, since: scope.since }),
        process.pid,
      )
    : []
  signal(-scope.pid, 'SIGKILL')
  for (const p of listed) signal(p.pid, 'SIGKILL')
}
