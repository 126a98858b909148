/**
 * Where each finding of a check goes for --apply (pure): a shell's owned block, the go env
 * file (lines taken out, declared values written), the registry (Windows), or a startup
 * file's line ends.
 */
import type { Origin } from '../../base/origin.js'
import { isWsl, type ShellName, type WslShell } from '../../base/types.js'
import { applies, goVarOf, subjectOf, type Finding } from '../../findings/catalog.js'
import { agrees, merged } from '../../go/declared.js'
import type { TerminalRun } from '../terminal/types.js'
import { BLOCK_VARS } from './blocks.js'
import { folderKey } from './registry-path.js'

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
function declaredFix(run: TerminalRun, f: Finding, shell: ShellName | undefined = f.shells[0]) {
  const name = goVarOf(f)
  const declared = name ? run.report.input.declared?.values[name] : undefined
  if (!name || !declared) return undefined
  const probe = run.report.probes.find((p) => p.shell === shell)
  const found = probe?.goEnv?.[name]
  const inEnv = !!probe?.view?.env[name] && !BELOW_ENV.has(f.origin?.layer ?? 'go.env')
  return {
    name,
    declared: declared.value,
    override: inEnv ? merged(name, found, declared.value) : undefined,
  }
}

/** Windows: what a finding of a new WSL terminal adds to its block inside the distribution. */
function toWslBlock(
  run: TerminalRun,
  f: Finding,
  shell: WslShell,
  wsl: Want | undefined,
): Want | undefined {
  const d = f.id === 'declared-mismatch' ? declaredFix(run, f, shell) : undefined
  if (d?.override === undefined && !byBlock(f)) return wsl
  const want = wsl ?? { dropGo: false, settings: {} }
  if (d?.override !== undefined) want.settings[d.name] = d.override
  else want.dropGo ||= subjectOf(f)?.kind === 'go-command'
  return want
}

/** Windows: each WSL row of a finding gets what it adds to that distribution's block. */
function toWslBlocks(run: TerminalRun, f: Finding, wsl: Map<WslShell, Want>) {
  for (const s of f.shells.filter(isWsl)) {
    const want = toWslBlock(run, f, s, wsl.get(s))
    if (want) wsl.set(s, want)
  }
}

/** Where each finding goes: a shell's block, the go env file, or the registry. */
export function sortFindings(run: TerminalRun, platform: NodeJS.Platform) {
  const blocks = new Map<ShellName, Want>()
  const goEnvNames = new Set<string>()
  const goEnvSet: Record<string, string> = {}
  const registry: Array<{ f: Finding; origin?: Origin; value?: string }> = []
  const crlf = new Map<string, ShellName[]>()
  // Windows: a new WSL terminal's findings go to its block inside its distribution
  const wsl = new Map<WslShell, Want>()
  const blockOf = (s: ShellName) => {
    const at = blocks.get(s) ?? { dropGo: false, settings: {} }
    blocks.set(s, at)
    return at
  }
  for (const found of run.findings) {
    if (found.severity === 'notice') continue
    let f = found
    if (platform === 'win32' && f.shells.some(isWsl)) {
      toWslBlocks(run, f, wsl)
      if (f.shells.every(isWsl)) continue
      f = { ...f, shells: f.shells.filter((s) => !isWsl(s)) }
    }
    const origin = f.origin
    if (f.id === 'startup-file-crlf') {
      const file = (f.params as { path?: string } | undefined)?.path
      if (file) crlf.set(file, f.shells)
      // once LF, the file's lines run again: the block makes sure the reference still wins
      for (const sh of f.shells) blockOf(sh)
      continue
    }
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
  return { blocks, goEnvNames, goEnvSet, registry, crlf, wsl }
}

export interface Want {
  dropGo: boolean
  settings: Record<string, string>
}

export type Routes = ReturnType<typeof sortFindings>
