/**
 * The owned block `--apply` adds at the end of a shell's startup file (pure). It runs after
 * everything else the shell reads, so it never has to take a line of anyone's construct
 * apart: it puts the reference Go's bin folder first on PATH (taking out other spellings
 * of it), adds GOPATH/bin when missing, sets or unsets each Go variable as the reference
 * terminal has it, exports each declared setting the shell's own start-up overrides, and,
 * when asked, takes away an alias or function named go. Between its
 * markers it is go-path-arbiter's; outside them nothing is touched.
 */
import { fishQuote, psQuote, shQuote } from '../../base/text.js'
import type { TextFile } from './text-file.js'

export const BEGIN = '>>> go-path-arbiter >>>'
export const END = '<<< go-path-arbiter <<<'

export type Family = 'posix' | 'fish' | 'pwsh' | 'cmd'

export const BLOCK_VARS = ['GOROOT', 'GOPATH', 'GOBIN', 'GOTOOLCHAIN'] as const
export type BlockVar = (typeof BLOCK_VARS)[number]

/** What every shell should end its start-up with, in the shell's own path forms. */
export interface GoTarget {
  gorootBin: string
  gopathBin: string
  /** each Go variable's value in the reference terminal; null: unset there */
  vars: Record<BlockVar, string | null>
  /** declared settings this shell's start-up overrides, with the value that agrees (written as is) */
  settings?: Readonly<Record<string, string>>
  /** the home folder as the shell writes it: paths under it are written relative to it */
  home?: string
  /** write the Go variables relative to the home folder too (not in Git Bash: Go reads Windows paths) */
  varsUnderHome: boolean
  /** take away an alias or function named go */
  dropGoCommand: boolean
  /** Windows: folders compare case-insensitively, `\` separates */
  windows: boolean
}

const comment = (family: Family) => (family === 'cmd' ? '@rem ' : '# ')

const header = (family: Family) =>
  [
    BEGIN,
    'Written by go-path-arbiter --apply: the reference Go first on PATH, and its Go variables.',
    'go-path-arbiter --undo restores this file as it was.',
  ].map((l) => comment(family) + l)

/** A path under the home folder, split so that the shell can write it as $HOME plus the rest. */
function underHome(p: string, t: GoTarget): string | undefined {
  const home = t.home?.replace(/[\\/]+$/, '')
  if (!home) return undefined
  const same = t.windows
    ? p.toLowerCase().startsWith(`${home.toLowerCase()}\\`)
    : p.startsWith(`${home}/`)
  return same ? p.slice(home.length) : undefined
}

/** The target for writing a Go variable: relative to the home folder only where Go reads that form. */
const varsTarget = (t: GoTarget): GoTarget => (t.varsUnderHome ? t : { ...t, home: undefined })

/** A POSIX shell word for a path (`"$HOME"'/go/bin'` under the home folder). */
const shWord = (p: string, t: GoTarget) => {
  const rest = underHome(p, t)
  return rest === undefined ? shQuote(p) : `"$HOME"${shQuote(rest)}`
}

const fishWord = (p: string, t: GoTarget) => {
  const rest = underHome(p, t)
  return rest === undefined ? fishQuote(p) : `"$HOME"${fishQuote(rest)}`
}

const psWord = (p: string, t: GoTarget) => {
  const rest = underHome(p, t)
  return rest === undefined
    ? psQuote(p)
    : `(Join-Path $HOME ${psQuote(rest.replace(/^[\\/]/, ''))})`
}

/** The declared settings a block exports, by name (a setting's name is `[A-Z0-9_]+`). */
const settingsOf = (t: GoTarget) =>
  Object.entries(t.settings ?? {})
    .filter(([n]) => /^[A-Z][A-Z0-9_]*$/.test(n))
    .sort(([a], [b]) => a.localeCompare(b))

/** Other spellings of the same folder: with a trailing separator. */
const spellings = (dir: string, sep: string) => [dir, `${dir.replace(/[\\/]+$/, '')}${sep}`]

function posixBlock(t: GoTarget): string[] {
  const bin = shWord(t.gorootBin, t)
  const pattern = spellings(t.gorootBin, '/')
    .map((s) => shWord(s, t))
    .join(' | ')
  const lines = [
    ...(t.dropGoCommand
      ? ['unalias go 2>/dev/null || true', 'unset -f go 2>/dev/null || true']
      : []),
    `__gpa_new=${bin}`,
    '__gpa_rest=${PATH:+$PATH:}',
    'while [ -n "$__gpa_rest" ]; do',
    '  __gpa_e=${__gpa_rest%%:*}',
    '  __gpa_rest=${__gpa_rest#*:}',
    '  case $__gpa_e in',
    `    ${pattern}) ;;`,
    '    *) __gpa_new=$__gpa_new:$__gpa_e ;;',
    '  esac',
    'done',
    'case :$__gpa_new: in',
    `  *:${shWord(t.gopathBin, t)}:*) ;;`,
    `  *) __gpa_new=$__gpa_new:${shWord(t.gopathBin, t)} ;;`,
    'esac',
    'PATH=$__gpa_new',
    'export PATH',
    'unset __gpa_new __gpa_rest __gpa_e',
  ]
  for (const v of BLOCK_VARS) {
    const value = t.vars[v]
    lines.push(value === null ? `unset ${v}` : `export ${v}=${shWord(value, varsTarget(t))}`)
  }
  for (const [n, value] of settingsOf(t)) lines.push(`export ${n}=${shQuote(value)}`)
  return lines
}

function fishBlock(t: GoTarget): string[] {
  const lines = t.dropGoCommand ? ['functions --erase go 2>/dev/null'] : []
  for (const s of spellings(t.gorootBin, '/')) {
    lines.push(
      `while set -l __gpa_i (contains --index -- ${fishWord(s, t)} $PATH)`,
      '    set --erase PATH[$__gpa_i]',
      'end',
    )
  }
  lines.push(
    `set -gx PATH ${fishWord(t.gorootBin, t)} $PATH`,
    `contains -- ${fishWord(t.gopathBin, t)} $PATH; or set -gx PATH $PATH ${fishWord(t.gopathBin, t)}`,
  )
  for (const v of BLOCK_VARS) {
    const value = t.vars[v]
    lines.push(
      value === null
        ? `set -q ${v}; and set --erase ${v}`
        : `set -gx ${v} ${fishWord(value, varsTarget(t))}`,
    )
  }
  for (const [n, value] of settingsOf(t)) lines.push(`set -gx ${n} ${fishQuote(value)}`)
  return lines
}

function pwshBlock(t: GoTarget): string[] {
  const ne = t.windows ? '-ne' : '-cne'
  const notIn = t.windows ? '-notcontains' : '-cnotcontains'
  const trim = t.windows ? `TrimEnd('\\')` : `TrimEnd('/')`
  const lines = t.dropGoCommand
    ? ['Remove-Item -Path Alias:go, Function:go -ErrorAction SilentlyContinue']
    : []
  lines.push(
    `$__gpaSep = [string][IO.Path]::PathSeparator`,
    `$__gpaFirst = ${psWord(t.gorootBin, t)}`,
    `$__gpaRest = @()`,
    `if ($env:PATH) { $__gpaRest = @($env:PATH -split [regex]::Escape($__gpaSep) | Where-Object { $_.${trim} ${ne} $__gpaFirst.${trim} }) }`,
    `$env:PATH = (@($__gpaFirst) + $__gpaRest) -join $__gpaSep`,
    `$__gpaBin = ${psWord(t.gopathBin, t)}`,
    `if (@($env:PATH -split [regex]::Escape($__gpaSep)) ${notIn} $__gpaBin) { $env:PATH = $env:PATH + $__gpaSep + $__gpaBin }`,
  )
  for (const v of BLOCK_VARS) {
    const value = t.vars[v]
    lines.push(
      value === null
        ? `Remove-Item -Path Env:${v} -ErrorAction SilentlyContinue`
        : `$env:${v} = ${psWord(value, varsTarget(t))}`,
    )
  }
  for (const [n, value] of settingsOf(t)) lines.push(`$env:${n} = ${psQuote(value)}`)
  lines.push(
    'Remove-Variable -Name __gpaSep, __gpaFirst, __gpaRest, __gpaBin -ErrorAction SilentlyContinue',
  )
  return lines
}

/** A cmd value: `%USERPROFILE%` for the home folder (the file is read in the OEM code page). */
const cmdWord = (p: string, t: GoTarget) => {
  const rest = underHome(p, t)
  return rest === undefined ? p : `%USERPROFILE%${rest}`
}

/** Thrown when a value cannot be written safely for a shell. */
export class BlockError extends Error {}

function cmdBlock(t: GoTarget): string[] {
  const values = [
    t.gorootBin,
    ...BLOCK_VARS.map((v) => t.vars[v] ?? ''),
    ...settingsOf(t).map(([, v]) => v),
  ]
  if (values.some((v) => /["%^!]/.test(v) || /[^\x20-\x7e]/.test(cmdWord(v, t)))) {
    throw new BlockError(
      `cmd cannot be given ${values.find((v) => /["%^!]/.test(v) || /[^\x20-\x7e]/.test(cmdWord(v, t)))} safely (a quote, %, ^, ! or a character outside ASCII)`,
    )
  }
  const bin = cmdWord(t.gorootBin, t)
  // `call set` expands twice: %USERPROFILE% first, then the substitution in PATH (only
  // then: a second pass would also expand a literal %NAME% PATH holds)
  const drop = spellings(bin, '\\').map((s) =>
    s.includes('%') ? `@call set "PATH=%%PATH:;${s};=;%%"` : `@set "PATH=%PATH:;${s};=;%"`,
  )
  const lines = ['@set "PATH=;%PATH%;"', ...drop, ...drop, `@set "PATH=${bin}%PATH%"`]
  lines.push('@set "PATH=%PATH:~0,-1%"')
  for (const v of BLOCK_VARS) {
    const value = t.vars[v]
    lines.push(value === null ? `@set ${v}=` : `@set "${v}=${cmdWord(value, varsTarget(t))}"`)
  }
  for (const [n, value] of settingsOf(t)) lines.push(`@set "${n}=${value}"`)
  return lines
}

/** The whole block, markers included, as lines. */
export function blockLines(family: Family, t: GoTarget): string[] {
  const body =
    family === 'posix'
      ? posixBlock(t)
      : family === 'fish'
        ? fishBlock(t)
        : family === 'pwsh'
          ? pwshBlock(t)
          : cmdBlock(t)
  return [...header(family), ...body, `${comment(family)}${END}`]
}

/** Whether a block (as text) takes away an alias or function named go. */
export const dropsGoCommand = (block: string) =>
  /unalias go|functions --erase go|Alias:go, Function:go/.test(block)

/** Where the block is in a text: the lines of its two markers (0-based), or why it cannot be told. */
export function findBlock(text: string): { from: number; to: number } | null | 'broken' {
  const lines = text.split('\n')
  const marker = (l: string, m: string) => {
    const t = l.replace(/\r$/, '').trim()
    return (t.startsWith('#') || /^@?rem\b/i.test(t)) && t.endsWith(m)
  }
  const from = lines.findIndex((l) => marker(l, BEGIN))
  const to = lines.findIndex((l, i) => i > from && marker(l, END))
  const begins = lines.filter((l) => marker(l, BEGIN)).length
  if (from < 0 && lines.some((l) => marker(l, END))) return 'broken'
  if (from < 0) return null
  if (to < 0 || begins > 1) return 'broken'
  return { from, to }
}

/** The 1-based line after the block that does something (not blank, not a comment); undefined: the block is last. */
export function lineAfterBlock(text: string): number | undefined {
  const found = findBlock(text)
  if (!found || found === 'broken') return undefined
  const lines = text.split('\n')
  for (let i = found.to + 1; i < lines.length; i++) {
    const t = lines[i].replace(/\r$/, '').trim()
    if (t !== '' && !t.startsWith('#') && !/^@?rem\b/i.test(t) && !/^::/.test(t)) return i + 1
  }
  return undefined
}

/**
 * The file with the block in place: the old block replaced where it is, or the block added
 * at the end (after a line end when the file lacks one). A block that some later line can
 * undo (a line after it that does something) is moved to the end instead. Same text when
 * nothing changes.
 */
export function placeBlock(file: TextFile, block: string[]): string {
  const found = findBlock(file.text)
  if (found === 'broken') {
    throw new BlockError(
      `it holds a "${BEGIN}" line without its "${END}" line (or two of them): edit it by hand`,
    )
  }
  const eol = file.eol
  let text = file.text
  if (found) {
    const lines = file.text.split('\n')
    if (lineAfterBlock(file.text) === undefined) {
      const cr = lines[found.from].endsWith('\r') ? '\r' : ''
      const replaced = [
        ...lines.slice(0, found.from),
        ...block.map((l) => l + cr),
        ...lines.slice(found.to + 1),
      ]
      return replaced.join('\n')
    }
    // taken out with the blank line --apply put before it, then added at the end
    const blank = found.from > 0 && lines[found.from - 1].replace(/\r$/, '') === ''
    text = [
      ...lines.slice(0, blank ? found.from - 1 : found.from),
      ...lines.slice(found.to + 1),
    ].join('\n')
  }
  const gap = text === '' ? '' : text.endsWith('\n') ? eol : eol + eol
  return `${text}${gap}${block.join(eol)}${eol}`
}
