/**
 * What `--apply` would change, worked out from a check of new terminals (pure: files are
 * read through the context): an owned block at the end of each wrong shell's startup file,
 * the go env file's lines that fight the reference, and on Windows the user PATH (or, with
 * --system, the machine PATH) and cmd's AutoRun. Nothing here writes; a plan made twice
 * over the same files is the same plan, and a plan over files it already changed is empty.
 */
import type { ShellName } from '../../base/types.js'
import type { GoEnv } from '../../go/go-env.js'
import { windowsToMsys } from '../../paths/forms.js'
import type { TerminalRun } from '../terminal/types.js'
import { withSegment } from './autorun.js'
import { BLOCK_VARS, type GoTarget } from './blocks.js'
import { blockWhy, withOwnedBlock } from './block-file.js'
import { goEnvChange, type FileChange, type Skipped } from './file-change.js'
import { sortFindings, type Routes, type Want } from './routes.js'
import { registryChanges, type RegistryChange } from './registry-plan.js'
import { startupFileFor, type StartupFile, type TargetContext } from './targets.js'
import { decodeText, encodeText } from './text-file.js'
import { wslChange, type WslFixContext } from './wsl-plan.js'
import { homeOf } from '../../base/home.js'
import { USER_AUTORUN_KEY } from '../../registry/reg.js'

export type { FileChange } from './file-change.js'
export type { RegistryChange } from './registry-plan.js'
export type Change = FileChange | RegistryChange

export type { Skipped } from './file-change.js'

export interface FixPlan {
  changes: Change[]
  skipped: Skipped[]
}

export interface PlanContext extends Omit<TargetContext, 'profiles' | 'sessionShell'> {
  /** a file's bytes, or null when there is none */
  read: (file: string) => Buffer | null
  /** the file a link points to (the file itself when it is none) */
  realpath: (file: string) => string
  /** --system: files outside the home folder and the machine PATH may be changed */
  system: boolean
  /** this process may change them (root, or an elevated Windows terminal) */
  privileged: boolean
  /** Windows: what a look inside each WSL distribution found (its files, its Linux Gos) */
  wsl?: WslFixContext[]
}

export { byBlock } from './routes.js'

/** The Go variables of the reference terminal; GOROOT only when it names the reference's own tree. */
export function referenceVars(run: TerminalRun, platform: NodeJS.Platform): GoTarget['vars'] {
  const env = run.reference.env
  const get = (n: string) =>
    Object.entries(env).find(([k]) => (platform === 'win32' ? k.toUpperCase() === n : k === n))?.[1]
  const vars = Object.fromEntries(BLOCK_VARS.map((v) => [v, get(v) || null])) as GoTarget['vars']
  const own = run.expected.goroot.replace(/[\\/]+$/, '')
  if (vars.GOROOT && vars.GOROOT.replace(/[\\/]+$/, '') !== own) vars.GOROOT = null
  return vars
}

/** The reference as one shell writes it (Git Bash: MSYS paths, Windows values for Go). */
function targetFor(
  run: TerminalRun,
  file: StartupFile,
  c: PlanContext,
  dropGo: boolean,
  settings: Want['settings'],
): GoTarget {
  const e = run.expected
  const msys = c.platform === 'win32' && file.family === 'posix'
  const home = homeOf(c.env, c.platform) || undefined
  const vars = referenceVars(run, c.platform)
  return {
    gorootBin: msys ? windowsToMsys(e.gorootBin) : e.gorootBin,
    gopathBin: msys ? windowsToMsys(e.gopathBin) : e.gopathBin,
    // Go reads its variables as Windows paths, also in Git Bash
    vars,
    home: msys && home ? windowsToMsys(home) : home,
    varsUnderHome: !msys,
    dropGoCommand: dropGo,
    settings,
    windows: c.platform === 'win32' && file.family !== 'posix',
  }
}

const isUnderHome = (file: string, c: PlanContext) => {
  const home = homeOf(c.env, c.platform).replace(/[\\/]+$/, '')
  if (!home) return false
  const f = c.platform === 'win32' ? file.toLowerCase() : file
  const h = c.platform === 'win32' ? home.toLowerCase() : home
  return f.startsWith(`${h}/`) || f.startsWith(`${h}\\`)
}

/** One startup file with its block in place, or why it is left alone. */
function blockChange(
  run: TerminalRun,
  want: { file: StartupFile; shells: ShellName[] } & Want,
  c: PlanContext,
): FileChange | Skipped | null {
  const real = c.realpath(want.file.file)
  const skip = (why: string): Skipped => ({ what: want.file.file, why, shells: want.shells })
  const isProfile = want.file.family === 'pwsh'
  if (!isProfile && !isUnderHome(real, c) && !(c.system && c.privileged)) {
    return skip(
      c.system
        ? 'it is outside your home folder: --system needs root (or an elevated terminal)'
        : 'it is outside your home folder: only --system (as root) changes it',
    )
  }
  const bytes = c.read(real)
  const placed = withOwnedBlock(bytes, want.file.family, c.platform, () =>
    targetFor(run, want.file, c, want.dropGo, want.settings),
  )
  if ('skip' in placed) return skip(placed.skip)
  if (bytes && placed.after.equals(bytes)) return null
  return {
    kind: 'file',
    path: real,
    linkedFrom: real !== want.file.file ? want.file.file : undefined,
    shells: want.shells,
    before: bytes,
    after: placed.after,
    when: want.file.when,
    why: blockWhy(placed, want.shells),
  }
}

/** A POSIX startup file with LF line ends instead of CRLF, and nothing else changed. */
function lineEndChange(
  file: string,
  shells: ShellName[],
  made: readonly Change[],
  c: PlanContext,
): FileChange | Skipped | null {
  const real = c.realpath(file)
  // the file's block change already made it LF
  if (made.some((x) => x.kind === 'file' && x.path === real)) return null
  if (!isUnderHome(real, c) && !(c.system && c.privileged)) {
    return { what: file, why: 'it is outside your home folder', shells }
  }
  const bytes = c.read(real)
  if (!bytes) return null
  const text = decodeText(bytes)
  const after = encodeText(text.text.replace(/\r\n/g, '\n'), text.encoding)
  if (after.equals(bytes)) return null
  return {
    kind: 'file',
    path: real,
    linkedFrom: real !== file ? file : undefined,
    shells,
    before: bytes,
    after,
    when: 'terminal',
    why: `its CRLF line ends made LF: ${shells.join(', ')} read${shells.length === 1 ? 's' : ''} each CR as part of the line`,
  }
}

/** Every change --apply would make for this check, and what it leaves alone and why. */
export function planFixes(run: TerminalRun, c: PlanContext): FixPlan {
  const sorted = sortFindings(run, c.platform)
  const changes: Change[] = []
  const skipped: Skipped[] = []
  const profiles = Object.fromEntries(
    run.report.probes.filter((p) => p.view?.profiles).map((p) => [p.shell, p.view!.profiles!]),
  )
  const zdotdir = run.report.probes.find((p) => p.shell === 'zsh')?.view?.zdotdir
  const t: TargetContext = { ...c, profiles, zdotdir, sessionShell: run.session?.shell }
  const byFile = new Map<string, { file: StartupFile; shells: ShellName[] } & Want>()
  for (const [shell, { dropGo, settings }] of sorted.blocks) {
    const file = startupFileFor(shell, t)
    if (typeof file === 'string') {
      skipped.push({ what: `${shell}'s startup`, why: file, shells: [shell] })
      continue
    }
    const at = byFile.get(file.file) ?? { file, shells: [], dropGo: false, settings: {} }
    at.shells.push(shell)
    at.dropGo ||= dropGo
    Object.assign(at.settings, settings)
    byFile.set(file.file, at)
  }
  for (const want of byFile.values()) {
    const r = blockChange(run, want, c)
    if (r && 'kind' in r) changes.push(r)
    else if (r) skipped.push(r)
  }
  for (const [file, shells] of sorted.crlf) {
    const r = lineEndChange(file, shells, changes, c)
    if (r && 'kind' in r) changes.push(r)
    else if (r) skipped.push(r)
  }
  for (const [shell, want] of sorted.wsl) {
    const looked = c.wsl?.find((x) => x.shell === shell)
    const r = looked
      ? wslChange(run, want, looked)
      : { what: 'WSL', why: 'the distribution was not looked at', shells: [shell] }
    if (r && 'kind' in r) changes.push(r)
    else if (r) skipped.push(r)
  }
  const goEnv = goEnvFileChange(run, sorted, c)
  if (goEnv && 'kind' in goEnv) changes.push(goEnv)
  else if (goEnv) skipped.push(goEnv)
  if (c.platform === 'win32') {
    const reg = registryChanges(run, sorted.registry, c)
    changes.push(...reg.changes)
    skipped.push(...reg.skipped)
    const cmd = [...byFile.values()].some((w) => w.shells.includes('cmd'))
    const cmdSkipped = skipped.some((x) => x.shells.includes('cmd'))
    if (cmd && !cmdSkipped) {
      const segment = autorunSegmentChange(run)
      if (segment && 'kind' in segment) changes.push(segment)
      else if (segment) skipped.push(segment)
    }
  }
  return { changes, skipped }
}

/** The go env file without the lines that fight the reference, with the declared values. */
function goEnvFileChange(
  run: TerminalRun,
  sorted: Pick<Routes, 'goEnvNames' | 'goEnvSet'>,
  c: PlanContext,
): FileChange | Skipped | null {
  const env = run.reference.goEnv as GoEnv
  const set = Object.keys(sorted.goEnvSet)
  const change = goEnvChange(env, { drop: [...sorted.goEnvNames], set: sorted.goEnvSet }, c.read)
  if (change || set.length === 0 || (env?.GOENV && env.GOENV !== 'off')) return change
  return {
    what: 'the go env file',
    why: `GOENV is ${JSON.stringify(env?.GOENV ?? '')}: go reads no go env file, so ${set.join(', ')} cannot be written there; set them where every shell reads them`,
    shells: [],
  }
}

/** cmd's AutoRun (HKCU) with a last segment that calls the owned file. */
export const AUTORUN_CALL = 'call "%LOCALAPPDATA%\\go-path-arbiter\\autorun.cmd"'

function autorunSegmentChange(run: TerminalRun): RegistryChange | Skipped | null {
  const key = USER_AUTORUN_KEY
  const now = run.autorun.find((a) => a.key.toLowerCase() === key.toLowerCase())
  try {
    const value = withSegment(now?.value ?? null, AUTORUN_CALL)
    if (now && value === now.value.trim()) return null
    return {
      kind: 'registry',
      key,
      name: 'AutoRun',
      before: now ? { type: now.type, data: now.value } : null,
      after: { type: now?.type ?? 'REG_SZ', data: value },
      shells: ['cmd'],
      why: 'cmd runs the owned file last, after every other AutoRun command',
      elevated: false,
    }
  } catch (err) {
    return { what: `${key}\\AutoRun`, why: (err as Error).message, shells: ['cmd'] }
  }
}
