import { parseArgs } from 'node:util'
import type { Category, ShellName } from '../base/types.js'
import { InputError } from '../findings/errors.js'
import { CONTROL_CHAR as CONTROL, listOf } from '../base/text.js'
import { parseFailOn } from '../findings/exit-code.js'
import { parseShells } from '../shells/names.js'
import { JOURNAL_ID } from './fixes/journal.js'

export interface CliOptions {
  shells: 'auto' | ShellName[]
  /** the Go every shell should run: a go program, a Go folder, or a version */
  go?: string
  json: boolean
  fix: boolean
  verbose: boolean
  redact: boolean
  failOn: Category[]
  workingDirectory: string
  timeoutMs: number
  checkModules: boolean
  /** --apply: make every new terminal run the reference Go (shown first; --yes to go ahead) */
  apply: boolean
  yes: boolean
  /** --system: files outside the home folder and the machine PATH too (as root / elevated) */
  system: boolean
  /** --undo [ID]: take back the newest change (or that one); true for the newest */
  undo?: string | true
  /** --go-env-file: the declared environment (default: the nearest .go-env upwards) */
  envFile?: string
}

/**
 * `--shells`: the shell list, where `wsl` is the default WSL distribution's new terminal
 * and `wsl:NAME` the distribution NAME's (as `wsl.exe --list` names it), a row of its own.
 */
export function parseShellsOption(value: string): 'auto' | ShellName[] {
  const items = listOf(value)
  const isDistro = (item: string) => /^wsl:/i.test(item)
  const plain = items.filter((item) => !isDistro(item))
  const shells = plain.length || items.length === 0 ? parseShells(plain.join(','), '--shells') : []
  const distros = items.filter(isDistro)
  if (shells === 'auto') {
    if (distros.length > 0)
      throw new InputError(
        `--shells: auto already takes every registered WSL distribution; list the shells to name ${distros.join(', ')}`,
      )
    return 'auto'
  }
  const out: ShellName[] = []
  for (const item of items) {
    const shell = isDistro(item) ? distroShell(item) : (item.toLowerCase() as ShellName)
    if (!out.includes(shell)) out.push(shell)
  }
  return out
}

function distroShell(item: string): ShellName {
  const name = item.slice('wsl:'.length).trim()
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name))
    throw new InputError(
      `--shells: ${JSON.stringify(item)} does not name a WSL distribution (wsl:NAME, NAME as wsl.exe --list shows it)`,
    )
  return `wsl:${name}`
}

export const USAGE = `usage: go-path-arbiter [options]

Checks what a NEW terminal of each shell gets on this machine (bash, sh, zsh, fish and pwsh;
cmd, pwsh, powershell, Git Bash and WSL on Windows): which go it runs, its GOROOT, GOPATH,
GOBIN and GOTOOLCHAIN, against one reference Go, and which file and line, registry value or
go env file put each one there. It also says where this terminal differs from a new one.

  --go PATH|VERSION     the Go every shell should run: a go program, a Go folder, or a
                        version (1.22, 1.22.5); on Windows, wsl:PATH: a Linux Go inside
                        WSL (WSL held to it, Windows to its version); default: a
                        GOTOOLCHAIN in the declared environment, else the Go go.mod needs,
                        else the one every new terminal runs (or the only one that works);
                        else none is chosen
  --shells LIST         auto (default) or a comma list of cmd,pwsh,powershell,bash,sh,zsh,fish,wsl
                        (wsl: the default WSL distribution; wsl:NAME that one; auto: every
                        registered distribution, each a row)
  --go-env-file FILE    the declared Go environment every shell is held to (NAME=VALUE lines,
                        as go env -w writes them); default: the nearest .go-env from the
                        working directory upwards
  --fix                 print, under each finding, the commands that fix it and the shell to
                        paste them into (changes nothing)
  --apply               make every shell's new terminal run the reference Go: shows each
                        change first (a diff per file, each registry value before and after)
                        and changes nothing without --yes (or a yes typed at the prompt);
                        then checks new terminals again
  --yes                 with --apply: go ahead without asking
  --system              with --apply: files outside your home folder and the machine PATH
                        too (as root, or in an elevated terminal)
  --undo [ID]           take back the newest --apply (or the one with that id), byte for
                        byte; refused when a file changed since
  --json                print the JSON report instead of the text report
  --verbose             the whole PATH table (default: only the entries that matter)
  --redact              replace your home folder and user name, for pasting into a bug report
  --fail-on LIST        any (default), never, or a comma list of config,toolchain,module
  --working-directory D where go.mod is looked for, and where the shells start (default: .)
  --probe-timeout S     seconds per shell, 1 to 3600 (default: 30)
  --no-modules          skip the go.mod / go.sum checks
  --version             print the version
  -h, --help            this text

Exit codes: 0 consistent, 1 environment configuration, 2 toolchain anomaly, 3 module inconsistency.`

const OPTIONS = {
  go: { type: 'string' },
  shells: { type: 'string' },
  'go-env-file': { type: 'string' },
  'fail-on': { type: 'string' },
  json: { type: 'boolean' },
  fix: { type: 'boolean' },
  verbose: { type: 'boolean' },
  redact: { type: 'boolean' },
  'working-directory': { type: 'string' },
  'probe-timeout': { type: 'string' },
  'no-modules': { type: 'boolean' },
  apply: { type: 'boolean' },
  yes: { type: 'boolean' },
  system: { type: 'boolean' },
  undo: { type: 'string' },
  version: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

/** --undo takes an optional id: `--undo`, `--undo ID`, `--undo=ID` (the last parseArgs reads itself). */
function undoArgument(argv: string[]): { args: string[]; undo?: string | true } {
  const args = [...argv]
  const at = args.indexOf('--undo')
  if (at < 0) return { args }
  const next = args[at + 1]
  const undo = next !== undefined && !next.startsWith('-') ? next : true
  args.splice(at, undo === true ? 1 : 2)
  return { args, undo }
}

/** The options that only go together, or never. */
function checkCombinations(
  values: Record<string, string | boolean | undefined>,
  undo: string | true | undefined,
): void {
  if (typeof undo === 'string' && !JOURNAL_ID.test(undo)) {
    throw new InputError(
      `--undo: ${JSON.stringify(undo)} is not a journal id (like 20261201-153000123-a1b2c3)`,
    )
  }
  if (undo && (values.apply || values.fix)) {
    throw new InputError('--undo: it cannot be given with --apply or --fix')
  }
  if (values.apply && values.json) {
    throw new InputError('--apply: it shows its changes as text, not with --json')
  }
  if ((values.yes || values.system) && !values.apply) {
    throw new InputError(`--${values.yes ? 'yes' : 'system'}: it only goes with --apply`)
  }
}

/** Parses the command line (pure); errors name the option and the value. */
export function parseCli(argv: string[]): CliOptions | 'help' | 'version' {
  let values: Record<string, string | boolean | undefined>
  const { args, undo: bare } = undoArgument(argv)
  try {
    values = parseArgs({
      args,
      options: OPTIONS,
      strict: true,
    }).values
  } catch (err) {
    throw new InputError((err as Error).message)
  }
  if (values.help) return 'help'
  if (values.version) return 'version'
  const undo = typeof values.undo === 'string' ? values.undo : bare
  checkCombinations(values, undo)
  const raw = (values['probe-timeout'] as string | undefined) ?? '30'
  const timeout = Number(raw)
  if (!Number.isFinite(timeout) || timeout < 1 || timeout > 3600) {
    throw new InputError(
      `--probe-timeout: ${JSON.stringify(raw)} is not a number of seconds from 1 to 3600`,
    )
  }
  const go = values.go as string | undefined
  if (go !== undefined && (go.trim() === '' || CONTROL.test(go))) {
    throw new InputError(`--go: ${JSON.stringify(go)} is not a path or a version`)
  }
  const envFile = values['go-env-file'] as string | undefined
  if (envFile !== undefined && (envFile.trim() === '' || CONTROL.test(envFile))) {
    throw new InputError(`--go-env-file: ${JSON.stringify(envFile)} is not a file name`)
  }
  const dir = (values['working-directory'] as string | undefined) ?? '.'
  if (dir.trim() === '' || CONTROL.test(dir)) {
    throw new InputError(`--working-directory: ${JSON.stringify(dir)} is not a folder name`)
  }
  return {
    shells: parseShellsOption((values.shells as string | undefined) ?? 'auto'),
    go,
    failOn: parseFailOn((values['fail-on'] as string | undefined) ?? 'any', '--fail-on'),
    json: !!values.json,
    fix: !!values.fix,
    verbose: !!values.verbose,
    redact: !!values.redact,
    workingDirectory: dir,
    timeoutMs: Math.round(timeout * 1000),
    checkModules: !values['no-modules'],
    apply: !!values.apply,
    yes: !!values.yes,
    system: !!values.system,
    undo,
    envFile,
  }
}
