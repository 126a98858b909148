/**
 * The processes of this machine as parent, group and session (I/O): read from /proc on
 * Linux, from `ps` elsewhere on POSIX. Used to stop everything a probed shell started (an
 * interactive shell with job control puts each command in its own process group, and a
 * double fork with `setsid` leaves both the tree and the session) and to name the shell
 * this command was typed into.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, readlinkSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'

export interface Proc {
  pid: number
  ppid: number
  pgid: number
  /** session id (0 when the platform's ps does not say) */
  sid: number
  /** the program's name (its executable's base name where it can be read) */
  name: string
  /** ended, waiting for its parent to collect it (a zombie): it runs nothing any more */
  ended?: boolean
  /** Linux: when it started, in clock ticks since boot (`/proc/<pid>/stat` field 22) */
  start?: number
  /** its environment holds the tag asked for (Linux, for processes started since `since`) */
  tagged?: boolean
}

/** `/proc/<pid>/stat`: `pid (comm) state ppid pgrp session ... starttime ...`; comm may hold spaces. */
export function parseProcStat(
  text: string,
): (Omit<Proc, 'name' | 'tagged'> & { comm: string; state: string }) | null {
  const open = text.indexOf('(')
  const close = text.lastIndexOf(')')
  if (open < 0 || close < open) return null
  const rest = text.slice(close + 2).split(' ')
  const nums = [
    Number(text.slice(0, open).trim()),
    Number(rest[1]),
    Number(rest[2]),
    Number(rest[3]),
  ]
  if (nums.some((n) => !Number.isInteger(n))) return null
  const start = Number(rest[19])
  const state = rest[0] ?? ''
  return {
    pid: nums[0],
    ppid: nums[1],
    pgid: nums[2],
    sid: nums[3],
    comm: text.slice(open + 1, close),
    state,
    ended: state === 'Z' || state === 'X',
    ...(Number.isInteger(start) ? { start } : {}),
  }
}

/** `ps -A -o pid= -o ppid= -o pgid= -o stat= -o comm=` lines. */
export function parsePs(text: string): Proc[] {
  const out: Proc[] = []
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line)
    if (m)
      out.push({
        pid: +m[1],
        ppid: +m[2],
        pgid: +m[3],
        sid: 0,
        name: path.basename(m[5].trim()),
        ended: m[4].startsWith('Z'),
      })
  }
  return out
}

/** A process environment (`/proc/<pid>/environ`) holds `NAME=VALUE` exactly. */
export function environHolds(environ: Buffer, entry: string): boolean {
  const wanted = Buffer.from(`${entry}\0`)
  return environ.subarray(0, wanted.length).equals(wanted) || environ.includes(`\0${entry}\0`)
}

export interface ListOptions {
  /** mark the processes whose environment holds this `NAME=VALUE` (Linux) */
  tag?: string
  /** only processes started at or after this tick are read for the tag */
  since?: number
}

/** The start time of one process (Linux; undefined when gone or elsewhere). */
export function startOf(pid: number): number | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.start
  } catch {
    return undefined
  }
}

/** Whether a process's environment is read for the tag: started since `since`, still running. */
const readsTag = (st: { ended?: boolean; start?: number }, o: ListOptions) =>
  !!o.tag && !st.ended && (o.since === undefined || (st.start ?? 0) >= o.since)

function readProc(n: string, o: ListOptions): Proc | null {
  try {
    const st = parseProcStat(readFileSync(`/proc/${n}/stat`, 'utf8'))
    if (!st) return null
    let name = st.comm
    try {
      name = path.basename(readlinkSync(`/proc/${n}/exe`))
    } catch {
      // another user's process, a zombie, or gone
    }
    const { comm: _c, state: _s, ...p } = st
    const proc: Proc = { ...p, name }
    if (readsTag(st, o)) {
      try {
        proc.tagged = environHolds(readFileSync(`/proc/${n}/environ`), o.tag!)
      } catch {
        // another user's process, or gone
      }
    }
    return proc
  } catch {
    return null // gone meanwhile
  }
}

/** One process for ending a tree (Linux): no name, nothing waits on the disk's order. */
async function readProcAsync(n: string, o: ListOptions): Promise<Proc | null> {
  try {
    const st = parseProcStat(await readFile(`/proc/${n}/stat`, 'utf8'))
    if (!st) return null
    const { comm, state: _s, ...p } = st
    const proc: Proc = { ...p, name: comm }
    if (readsTag(st, o)) {
      proc.tagged = await readFile(`/proc/${n}/environ`).then(
        (b) => environHolds(b, o.tag!),
        () => undefined, // another user's process, or gone
      )
    }
    return proc
  } catch {
    return null // gone meanwhile
  }
}

/**
 * Every process, for ending a tree (Linux: read without holding up this process's timers,
 * a batch at a time, however many a forking startup file started; the names are the
 * kernel's short ones). Elsewhere as listProcesses.
 */
export async function listForEnding(platform: NodeJS.Platform, o: ListOptions): Promise<Proc[]> {
  if (platform !== 'linux') return listProcesses(platform, o)
  let names: string[]
  try {
    names = (await readdir('/proc')).filter((n) => /^\d+$/.test(n))
  } catch {
    return []
  }
  const out: Proc[] = []
  for (let i = 0; i < names.length; i += 256) {
    const batch = await Promise.all(names.slice(i, i + 256).map((n) => readProcAsync(n, o)))
    for (const p of batch) if (p) out.push(p)
  }
  return out
}

/** Every process this user can see; empty when they cannot be listed. */
export function listProcesses(
  platform: NodeJS.Platform = process.platform,
  o: ListOptions = {},
): Proc[] {
  if (platform === 'win32') return []
  if (platform === 'linux') {
    let names: string[] = []
    try {
      names = readdirSync('/proc').filter((n) => /^\d+$/.test(n))
    } catch {
      return []
    }
    return names.map((n) => readProc(n, o)).filter((p): p is Proc => !!p)
  }
  const r = spawnSync(
    'ps',
    ['-A', '-o', 'pid=', '-o', 'ppid=', '-o', 'pgid=', '-o', 'stat=', '-o', 'comm='],
    { encoding: 'utf8', timeout: 5000 },
  )
  return r.status === 0 ? parsePs(r.stdout) : []
}

/** A process's children, from the kernel's own lists (Linux): empty when it is gone. */
export function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((t) =>
      readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8')
        .split(' ')
        .filter(Boolean)
        .map(Number),
    )
  } catch {
    return []
  }
}

/**
 * Everything below `pid` now, parents first (Linux): read through the kernel's children
 * lists, so it costs what the tree holds, not what the machine runs.
 */
export function descendantsOf(pid: number): number[] {
  const out: number[] = []
  const seen = new Set([pid])
  for (let i = -1; i < out.length; i++) {
    for (const c of childrenOf(i < 0 ? pid : out[i])) {
      if (!seen.has(c)) {
        seen.add(c)
        out.push(c)
      }
    }
  }
  return out
}

/**
 * The processes that belong to `pid` (pure): its descendants, everything in the session
 * it leads (a background job whose parent exited stays in the session), everything in
 * its process group, and every process carrying its tag (a double fork that started a
 * session of its own still inherited the environment).
 */
export function belongingTo(pid: number, procs: readonly Proc[]): Proc[] {
  const children = new Map<number, Proc[]>()
  for (const p of procs) {
    const list = children.get(p.ppid)
    if (list) list.push(p)
    else children.set(p.ppid, [p])
  }
  const found = new Map<number, Proc>()
  const add = (p: Proc) => {
    if (found.has(p.pid) || p.pid === pid) return false
    found.set(p.pid, p)
    return true
  }
  for (const p of procs) if (p.sid === pid || p.pgid === pid || p.tagged) add(p)
  const queue = [pid, ...found.keys()]
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i]
    for (const c of children.get(at) ?? []) if (add(c)) queue.push(c.pid)
  }
  return [...found.values()]
}

/** The chain of parents of `pid`, nearest first (pure). */
export function ancestorsOf(pid: number, procs: readonly Proc[], max = 16): Proc[] {
  const byPid = new Map(procs.map((p) => [p.pid, p]))
  const out: Proc[] = []
  let at = byPid.get(pid)
  while (at && out.length < max) {
    const parent = byPid.get(at.ppid)
    if (!parent || parent.pid === at.pid) break
    out.push(parent)
    at = parent
  }
  return out
}
