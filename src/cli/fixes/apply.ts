/**
 * Making the changes of a plan, and taking them back (I/O). The journal entry is written
 * before the first change; each file is written whole (temporary file, then rename); the
 * registry through reg.exe, then WM_SETTINGCHANGE is broadcast. --undo restores exactly
 * what the entry recorded, and refuses, changing nothing, when anything it would restore
 * was changed since by someone else.
 */
import { readFile, rm, rmdir } from 'node:fs/promises'
import { VERSION } from '../../base/version.js'
import { regDelete, regQuery, regWrite, parseRegValue } from '../../registry/reg.js'
import { runProcess } from '../../processes/run.js'
import {
  journalDir,
  listEntries,
  newId,
  saveEntry,
  sha256,
  type JournalChange,
  type JournalEntry,
  type JournalFileChange,
} from './journal.js'
import type { DistroFiles } from '../../wsl/startup-files.js'
import { wslDistroFiles } from '../../wsl/distro-files.js'
import type { Change } from './plan.js'
import { PS_BROADCAST } from './registry-path.js'
import { makeParents, missingParents, notWritable, writeAtomically } from './write.js'

export interface ApplyContext {
  env: NodeJS.ProcessEnv
  platform: NodeJS.Platform
  /** a WSL distribution's files (default: through wsl.exe on Windows) */
  distro?: (distribution: string) => DistroFiles
  now?: Date
  /** for tests: called after each change is made (a crash between two changes) */
  afterChange?: (index: number) => void
}

export interface ChangeResult {
  change: Change
  ok: boolean
  detail?: string
}

export interface ApplyResult {
  id: string
  journal: string
  results: ChangeResult[]
  /** the broadcast after a registry change: sent, or why not */
  broadcast?: string
}

async function readFileOrNull(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file)
  } catch {
    return null
  }
}

async function journalOf(changes: Change[]): Promise<JournalChange[]> {
  return Promise.all(
    changes.map(async (c): Promise<JournalChange> =>
      c.kind === 'file'
        ? {
            kind: 'file',
            path: c.path,
            before: c.before ? c.before.toString('base64') : undefined,
            beforeSha256: c.before ? sha256(c.before) : undefined,
            afterSha256: sha256(c.after),
            createdDirs: c.wsl ? c.wsl.missingDirs : await missingParents(c.path),
            ...(c.wsl ? { wsl: { distribution: c.wsl.distribution } } : {}),
          }
        : { kind: 'registry', key: c.key, name: c.name, before: c.before, after: c.after },
    ),
  )
}

const distroOf = (c: ApplyContext, distribution: string) =>
  (c.distro ?? wslDistroFiles(c.env))(distribution)

async function makeChange(c: Change, ctx: ApplyContext): Promise<string | undefined> {
  const env = ctx.env
  if (c.kind === 'file' && c.wsl) {
    await distroOf(ctx, c.wsl.distribution).write(
      c.path,
      c.after,
      c.before ? sha256(c.before) : 'none',
    )
    return undefined
  }
  if (c.kind === 'file') {
    const now = await readFileOrNull(c.path)
    const expected = c.before
    if ((now === null) !== (expected === null) || (now && expected && !now.equals(expected))) {
      return 'the file changed since the check read it: run go-path-arbiter --apply again'
    }
    const why = await notWritable(c.path)
    if (why) return why
    await makeParents(c.path)
    await writeAtomically(c.path, c.after)
    return undefined
  }
  const r = c.after
    ? await regWrite(env, c.key, c.name, c.after)
    : await regDelete(env, c.key, c.name)
  return r.ok ? undefined : r.detail
}

/** Tells Explorer (and what it starts next) that the environment changed. */
async function broadcast(env: NodeJS.ProcessEnv): Promise<string> {
  const r = await runProcess(
    'powershell.exe',
    ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', PS_BROADCAST],
    { env, timeoutMs: 15_000, platform: 'win32' },
  )
  return r.exitCode === 0
    ? 'sent WM_SETTINGCHANGE: programs started from now on get the new values; terminals and editors already open keep their old ones'
    : `could not broadcast WM_SETTINGCHANGE (${r.error ?? `powershell exited with ${r.exitCode}`}): sign out and in again before new terminals get the change`
}

export async function applyPlan(changes: Change[], c: ApplyContext): Promise<ApplyResult> {
  const dir = journalDir(c.env, c.platform)
  const earlier = (await listEntries(dir)).map((e) => e.id)
  const entry: JournalEntry = {
    id: newId(c.now ?? new Date(), earlier),
    created: (c.now ?? new Date()).toISOString(),
    tool: VERSION,
    status: 'pending',
    changes: await journalOf(changes),
  }
  await saveEntry(dir, entry)
  const results: ChangeResult[] = []
  for (const [i, change] of changes.entries()) {
    let detail: string | undefined
    try {
      detail = await makeChange(change, c)
    } catch (err) {
      detail = (err as Error).message
    }
    results.push({ change, ok: !detail, detail })
    c.afterChange?.(i)
  }
  entry.status = 'applied'
  await saveEntry(dir, entry)
  const environment = changes.some(
    (x, i) => x.kind === 'registry' && results[i].ok && x.name.toLowerCase() !== 'autorun',
  )
  return {
    id: entry.id,
    journal: dir,
    results,
    broadcast: environment && c.platform === 'win32' ? await broadcast(c.env) : undefined,
  }
}

// ---- undo

type Now = { state: 'after' | 'before' | 'other'; detail: string }

async function registryNow(env: NodeJS.ProcessEnv, key: string, name: string) {
  const r = await regQuery(env, key, name)
  if (!r.ok) return r.missing ? null : undefined
  const v = parseRegValue(r.stdout, name)
  return v ? { type: v.type, data: v.data } : null
}

const same = (a: { type: string; data: string } | null, b: { type: string; data: string } | null) =>
  a === b || (!!a && !!b && a.type === b.type && a.data === b.data)

/** A recorded file's bytes now: on this machine, or inside its distribution. */
async function bytesNow(ch: JournalFileChange, c: ApplyContext): Promise<Buffer | null> {
  if (!ch.wsl) return readFileOrNull(ch.path)
  const look = await distroOf(c, ch.wsl.distribution).look([ch.path], [])
  const file = look.files.find((f) => f.path === ch.path)
  if (file?.kind === 'unreadable') throw new Error(`${ch.path} cannot be read`)
  return file?.kind === 'file' ? file.bytes : null
}

/** A recorded file as the user reads its name. */
const named = (ch: JournalFileChange) =>
  ch.wsl ? `${ch.path} (WSL ${ch.wsl.distribution})` : ch.path

/** Where a recorded change stands now: as it left it, as before it, or changed by someone else. */
async function stateOf(ch: JournalChange, c: ApplyContext): Promise<Now> {
  const env = c.env
  if (ch.kind === 'file') {
    let now: Buffer | null
    try {
      now = await bytesNow(ch, c)
    } catch (err) {
      return { state: 'other', detail: `${named(ch)}: ${(err as Error).message}` }
    }
    const hash = now ? sha256(now) : null
    if (hash === ch.afterSha256) return { state: 'after', detail: named(ch) }
    if (hash === (ch.beforeSha256 ?? null)) return { state: 'before', detail: named(ch) }
    return { state: 'other', detail: `${named(ch)} changed since go-path-arbiter wrote it` }
  }
  const now = await registryNow(env, ch.key, ch.name)
  const what = `${ch.key}\\${ch.name}`
  if (now === undefined) return { state: 'other', detail: `${what} cannot be read` }
  if (same(now, ch.after)) return { state: 'after', detail: what }
  if (same(now, ch.before)) return { state: 'before', detail: what }
  return { state: 'other', detail: `${what} changed since go-path-arbiter wrote it` }
}

async function restore(ch: JournalChange, c: ApplyContext): Promise<string | undefined> {
  const env = c.env
  if (ch.kind === 'file' && ch.wsl) {
    const files = distroOf(c, ch.wsl.distribution)
    if (ch.before === undefined) await files.remove(ch.path, [...ch.createdDirs].reverse())
    else await files.write(ch.path, Buffer.from(ch.before, 'base64'), ch.afterSha256)
    return undefined
  }
  if (ch.kind === 'file') {
    if (ch.before === undefined) {
      await rm(ch.path, { force: true })
      for (const d of [...ch.createdDirs].reverse()) await rmdir(d).catch(() => undefined)
    } else {
      await writeAtomically(ch.path, Buffer.from(ch.before, 'base64'))
    }
    return undefined
  }
  const r = ch.before
    ? await regWrite(env, ch.key, ch.name, ch.before)
    : await regDelete(env, ch.key, ch.name)
  return r.ok ? undefined : r.detail
}

export interface UndoResult {
  entry?: JournalEntry
  /** what was restored, what already was as before */
  restored: string[]
  unchanged: string[]
  /** why nothing was restored */
  refused?: string
  failed: string[]
  /** the broadcast after a registry value was restored: sent, or why not */
  broadcast?: string
}

/** Takes back one entry (the newest not undone, or `id`): every change, or none. */
export async function undoEntry(c: ApplyContext, id?: string): Promise<UndoResult> {
  const dir = journalDir(c.env, c.platform)
  const entries = await listEntries(dir)
  const entry = id
    ? entries.find((e) => e.id === id)
    : entries.filter((e) => e.status !== 'undone').pop()
  const none = { restored: [], unchanged: [], failed: [] }
  if (!entry) {
    return {
      ...none,
      refused: id
        ? `no journal entry ${id} in ${dir}`
        : `nothing to undo (${dir} holds no change that is not undone)`,
    }
  }
  if (entry.status === 'undone')
    return { ...none, entry, refused: `${entry.id} was undone already` }
  const states = await Promise.all(entry.changes.map((ch) => stateOf(ch, c)))
  const others = states.filter((s) => s.state === 'other')
  if (others.length > 0) {
    return {
      ...none,
      entry,
      refused: `${others.map((o) => o.detail).join('; ')}: nothing was restored`,
    }
  }
  const out: UndoResult = { entry, restored: [], unchanged: [], failed: [] }
  for (const [i, ch] of [...entry.changes.entries()].reverse()) {
    if (states[i].state === 'before') {
      out.unchanged.push(states[i].detail)
      continue
    }
    let failed: string | undefined
    try {
      failed = await restore(ch, c)
    } catch (err) {
      failed = (err as Error).message
    }
    if (failed) out.failed.push(`${states[i].detail}: ${failed}`)
    else out.restored.push(states[i].detail)
  }
  entry.status = 'undone'
  await saveEntry(dir, entry)
  const environment = entry.changes.some(
    (ch, i) =>
      ch.kind === 'registry' && states[i].state === 'after' && ch.name.toLowerCase() !== 'autorun',
  )
  if (environment && c.platform === 'win32') out.broadcast = await broadcast(c.env)
  return out
}
