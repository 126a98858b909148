/**
 * What `--apply` would change, worked out from a check of new terminals (pure: files are
 * read through the context): an owned block at the end of each wrong shell's startup file,
 * the go env file's lines that fight the reference, and on Windows the user PATH (or, with
 * --system, the machine PATH) and cmd's AutoRun. Nothing here writes; a plan made twice
 * over the same files is the same plan, and a plan over files it already changed is empty.
 */
import type { Origin } from '../../base/origin.js'
import type { ShellName } from '../../base/types.js'
import { applies, goVarOf, subjectOf, type Finding } from '../../findings/catalog.js'
import type { GoEnv } from '../../go/go-env.js'
import { windowsToMsys } from '../../paths/forms.js'
import type { TerminalRun } from '../terminal/types.js'
import { withSegment } from './autorun.js'
import { folderKey } from './registry-path.js'
import {
  BLOCK_VARS,
  BlockError,
  blockLines,
  dropsGoCommand,
  findBlock,
  placeBlock,
  type GoTarget,
} from './blocks.js'
import { goEnvChange, type FileChange } from './file-change.js'
import { agrees, merged } from '../../go/declared.js'
import { registryChanges, type RegistryChange } from './registry-plan.js'
import { startupFileFor, type StartupFile, type TargetContext } from './targets.js'
import { cannotAdd, decodeText, encodeText, type TextFile } from './text-file.js'
import { homeOf } from '../../base/home.js'
import { USER_AUTORUN_KEY } from '../../registry/reg.js'

export type { FileChange } from './file-change.js'
export type { RegistryChange } from './registry-plan.js'
export type Change = FileChange | RegistryChange

export interface Skipped {
  /** the file or value that was not changed */
  what: string
  why: string
  shells: ShellName[]
}

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
}

/**
 * A finding a shell's own block can put right: --apply fixes it, and it is about that
 * shell's go, a folder on its PATH or a Go variable the block sets (its catalog record).
 */
export function byBlock(f: Finding): boolean {
  const s = subjectOf(f)
  if (!applies(f) || !s) return false
  if (s.kind === 'go-var') return (BLOCK_VARS as readonly string[]).includes(s.name)
  return s.kind === 'go-program' || s.kind === 'go-command' || s.kind === 'path-entry'
}

/** Windows: go or GOPATH/bin missing, and the registry PATH a new terminal gets lacks it too. */
function notInRegistry(run: TerminalRun, f: Finding): boolean {
  const dir =
    f.id === 'go-missing'
      ? run.expected.gorootBin
      : f.id === 'gopath-bin-missing'
        ? run.expected.gopathBin
        : ''
  return !!dir && !run.start.path.some((e) => folderKey(e.entry) === folderKey(dir))
}

/** The layers below a shell's environment: the go env file fixes a value that came from them. */
const BELOW_ENV: ReadonlySet<Origin['layer']> = new Set(['go env file', 'go.env'])

/**
 * A declared setting a shell's go does not settle on: the go env file gets the value that
 * agrees (every shell of the user reads it); a shell whose own environment hides it gets
 * the value in its block (or, on Windows, the registry value that set it).
 */
function declaredFix(run: TerminalRun, f: Finding) {
  const name = goVarOf(f)
  const declared = name ? run.report.input.declared?.values[name] : undefined
  if (!name || !declared) return undefined
  const probe = run.report.probes.find((p) => p.shell === f.shells[0])
  const found = probe?.goEnv?.[name]
  const inEnv = !!probe?.view?.env[name] && !BELOW_ENV.has(f.origin?.layer ?? 'go.env')
  return {
    name,
    declared: declared.value,
    override: inEnv ? merged(name, found, declared.value) : undefined,
  }
}

/** Where each finding goes: a shell's block, the go env file, or the registry. */
function sortFindings(run: TerminalRun, platform: NodeJS.Platform) {
  const blocks = new Map<ShellName, Want>()
  const goEnvNames = new Set<string>()
  const goEnvSet: Record<string, string> = {}
  const registry: Array<{ f: Finding; origin?: Origin; value?: string }> = []
  const blockOf = (s: ShellName) => {
    const at = blocks.get(s) ?? { dropGo: false, settings: {} }
    blocks.set(s, at)
    return at
  }
  for (const f of run.findings) {
    const origin = f.origin
    if (f.severity === 'notice') continue
    const d = f.id === 'declared-mismatch' ? declaredFix(run, f) : undefined
    if (d) {
      const file = run.report.input.goEnvFile?.values[d.name]?.value
      if (!agrees(d.name, file, d.declared)) goEnvSet[d.name] = merged(d.name, file, d.declared)
      if (d.override === undefined) continue
      if (platform === 'win32' && origin?.layer === 'registry')
        registry.push({ f, origin, value: d.override })
      else for (const s of f.shells) blockOf(s).settings[d.name] = d.override
      continue
    }
    // the go env file: the finding's own line, or where its variable's value came from
    const name = goVarOf(f)
    if (name && (f.id === 'goenv-file-conflict' || origin?.layer === 'go env file')) {
      goEnvNames.add(name)
      continue
    }
    if (
      platform === 'win32' &&
      (origin?.layer === 'registry' || !byBlock(f) || notInRegistry(run, f))
    ) {
      registry.push({ f, origin })
      continue
    }
    if (!byBlock(f)) continue
    for (const s of f.shells) blockOf(s).dropGo ||= subjectOf(f)?.kind === 'go-command'
  }
  for (const n of Object.keys(goEnvSet)) goEnvNames.delete(n)
  return { blocks, goEnvNames, goEnvSet, registry }
}

interface Want {
  dropGo: boolean
  settings: Record<string, string>
}

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

const newFile = (family: StartupFile['family'], platform: NodeJS.Platform): TextFile => ({
  text: '',
  // Windows PowerShell 5.1 reads a file without a BOM in the ANSI code page
  encoding: platform === 'win32' && family === 'pwsh' ? 'utf8-bom' : 'utf8',
  eol: platform === 'win32' && family !== 'posix' ? '\r\n' : '\n',
})

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
  const text = bytes ? decodeText(bytes) : newFile(want.file.family, c.platform)
  const existing = findBlock(text.text)
  const had =
    existing && existing !== 'broken'
      ? text.text
          .split('\n')
          .slice(existing.from, existing.to + 1)
          .join('\n')
      : ''
  try {
    const target = targetFor(run, want.file, c, want.dropGo || dropsGoCommand(had), want.settings)
    const block = blockLines(want.file.family, target)
    const why = cannotAdd(block.join('\n'), text.encoding)
    if (why) return skip(why)
    const after = encodeText(placeBlock(text, block), text.encoding)
    if (bytes && after.equals(bytes)) return null
    return {
      kind: 'file',
      path: real,
      linkedFrom: real !== want.file.file ? want.file.file : undefined,
      shells: want.shells,
      before: bytes,
      after,
      when: want.file.when,
      why: `an owned block at the end, run after everything else ${want.shells.join(', ')} read${want.shells.length === 1 ? 's' : ''} while starting`,
    }
  } catch (err) {
    if (err instanceof BlockError) return skip(err.message)
    throw err
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
  const t: TargetContext = { ...c, profiles, sessionShell: run.session?.shell }
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
  const goEnv = goEnvChange(
    run.reference.goEnv as GoEnv,
    { drop: [...sorted.goEnvNames], set: sorted.goEnvSet },
    c.read,
  )
  if (goEnv) changes.push(goEnv)
  else if (Object.keys(sorted.goEnvSet).length && !goEnvUsable(run.reference.goEnv as GoEnv)) {
    skipped.push({
      what: 'the go env file',
      why: `GOENV is ${JSON.stringify(run.reference.goEnv?.GOENV ?? '')}: go reads no go env file, so ${Object.keys(sorted.goEnvSet).join(', ')} cannot be written there; set them where every shell reads them`,
      shells: [],
    })
  }
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

const goEnvUsable = (e: GoEnv | undefined) => !!e?.GOENV && e.GOENV !== 'off'

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
