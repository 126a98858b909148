/**
 * The processes of this machine as parent, group and session (I/O): read from /proc on
 * Linux, from `ps` elsewhere on POSIX. Used to stop everything a probed shell started (an
 * interactive shell with job control puts each command in its own process group, so
 * killing the shell's group alone leaves them running) and to name the shell this
 * command was typed into.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, readlinkSync } from 'node:fs'
import path from 'node:path'

export interface Proc {
  pid: number
  ppid: number
  pgid: number
  /** session id (0 when the platform's ps does not say) */
  sid: number
  /** the program's name (its executable's base name where it can be read) */
  name: string
}

/** `/proc/<pid>/stat`: `pid (comm) state ppid pgrp session ...`; comm may hold spaces. */
export function parseProcStat(text: string): (Omit<Proc, 'name'> & { comm: string }) | null {
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
  return {
    pid: nums[0],
    ppid: nums[1],
    pgid: nums[2],
    sid: nums[3],
    comm: text.slice(open + 1, close),
  }
}

/** `ps -A -o pid= -o ppid= -o pgid= -o comm=` lines. */
export function parsePs(text: string): Proc[] {
  const out: Proc[] = []
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line)
    if (m)
      out.push({ pid: +m[1], ppid: +m[2], pgid: +m[3], sid: 0, name: path.basename(m[4].trim()) })
  }
  return out
}

/** Every process this user can see; empty when they cannot be listed. */
export function listProcesses(platform: NodeJS.Platform = process.platform): Proc[] {
  if (platform === 'win32') return []
  if (platform === 'linux') {
    const out: Proc[] = []
    let names: string[] = []
    try {
      names = readdirSync('/proc').filter((n) => /^\d+$/.test(n))
    } catch {
      return out
    }
    for (const n of names) {
      try {
        const st = parseProcStat(readFileSync(`/proc/${n}/stat`, 'utf8'))
        if (!st) continue
        let name = st.comm
        try {
          name = path.basename(readlinkSync(`/proc/${n}/exe`))
        } catch {
          // another user's process, or gone
        }
        out.push({ pid: st.pid, ppid: st.ppid, pgid: st.pgid, sid: st.sid, name })
      } catch {
        // gone meanwhile
      }
    }
    return out
  }
  const r = spawnSync('ps', ['-A', '-o', 'pid=', '-o', 'ppid=', '-o', 'pgid=', '-o', 'comm='], {
    encoding: 'utf8',
    timeout: 5000,
  })
  return r.status === 0 ? parsePs(r.stdout) : []
}

/**
 * The processes that belong to `pid` (pure): its descendants, and on Linux everything in
 * the session it leads (a background job whose parent exited stays in the session).
 */
export function belongingTo(pid: number, procs: readonly Proc[]): Proc[] {
  const children = new Map<number, Proc[]>()
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p])
  const found = new Map<number, Proc>()
  const queue = [pid]
  while (queue.length > 0) {
    const at = queue.shift()!
    for (const c of children.get(at) ?? []) {
      if (found.has(c.pid) || c.pid === pid) continue
      found.set(c.pid, c)
      queue.push(c.pid)
    }
  }
  for (const p of procs) if (p.sid === pid && p.pid !== pid) found.set(p.pid, p)
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
