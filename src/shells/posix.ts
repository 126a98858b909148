import type { ShellName } from '../base/types.js'
import type { PathStyle } from '../paths/forms.js'
import { TREE_TAG } from '../processes/run.js'
import { unwrapped } from './wrapper.js'
import { recordMap, viewFromRecords } from './records.js'
import { answeredLine, recordsRedirect } from './pty.js'
import { joinScripts, scriptText, type ScriptName } from './scripts.js'
import { parseXtrace, type Place } from './trace.js'
import { parseWslConf } from './wsl-conf.js'
import {
  ENV_NAMES,
  type GoKind,
  type Launch,
  type LaunchEnv,
  type ShellAdapter,
  type ShellOutput,
  type ShellView,
} from './types.js'

/** The POSIX probe (scripts/posix-probe.sh) for a marker. */
export const posixProbeScript = (marker: string) => scriptText('posix-probe.sh', marker)

/** The probe after a start-up: in a terminal, its records go to their own file. */
const probeAfterStart = (marker: string, launch: Launch) =>
  launch.records
    ? recordsRedirect('posix', launch.records) +
      posixProbeScript(marker) +
      answeredLine('posix', marker)
    : posixProbeScript(marker)

/** A start-up script, then the probe, as one file. */
const startThenProbe = (start: ScriptName, marker: string, launch: Launch) =>
  joinScripts([start], marker) + probeAfterStart(marker, launch)

/**
 * What kind of command `go` is, from what the shell said: bash's `type -t` (`alias`,
 * `function`, `file`, ...), zsh's `whence -w` (`go: command`), dash's `command -V`
 * (`go is an alias for ...`), fish's `type -t`, PowerShell's CommandType.
 */
export function goKind(said: string): GoKind {
  const s = said.trim().toLowerCase()
  if (!s || /not found|: none$/.test(s)) return 'none'
  // dash: `go is a tracked alias for /usr/bin/go` is a program it has looked up (hashed)
  if (/tracked alias/.test(s)) return 'file'
  if (/\balias\b/.test(s)) return 'alias'
  if (/\bfunction\b/.test(s)) return 'function'
  if (/\b(builtin|keyword|reserved|cmdlet)\b/.test(s)) return 'builtin'
  return 'file'
}

/** Where the shell says a function named go was defined (bash `declare -F`, zsh, fish). */
export function fnSite(said: string): Place | undefined {
  const lines = said.split('\n').map((l) => l.trim())
  const first = lines[0] ?? ''
  // bash: `go 12 /home/me/.bashrc`; pwsh: `12 /home/me/profile.ps1`
  const bash = /^(?:go\s+)?(\d+)\s+(\S.*)$/.exec(first)
  if (bash && bash[2].startsWith('/')) return { file: bash[2], line: Number(bash[1]) }
  if (bash && /^[a-zA-Z]:[\\/]/.test(bash[2])) return { file: bash[2], line: Number(bash[1]) }
  // fish `functions -D -v`: the file, then autoloaded or not, then the line
  if (lines.length >= 3 && /autoloaded/.test(lines[1]) && /^\d+$/.test(lines[2])) {
    return first.startsWith('/') ? { file: first, line: Number(lines[2]) } : undefined
  }
  // zsh: the file only (zsh keeps no line for a definition)
  if (first.startsWith('/')) return { file: first, line: null }
  return undefined
}

/** Every `HIT:<tool>` record's value, in order (the records repeat). */
export function hitsOf(stdout: string, marker: string): { go: string[]; gofmt: string[] } {
  const hits = { go: [] as string[], gofmt: [] as string[] }
  const lines = stdout.split(/\r?\n/)
  for (let i = 0; i < lines.length - 1; i++) {
    if (lines[i] === `${marker}:HIT:go`) hits.go.push(lines[i + 1])
    if (lines[i] === `${marker}:HIT:gofmt`) hits.gofmt.push(lines[i + 1])
  }
  return hits
}

/** `env -0` output as an environment (the login session's, for the terminals it starts). */
export function parseEnvDump(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const parts = text.includes('\0') ? text.split('\0') : text.split('\n')
  for (const part of parts) {
    const p = part.replace(/^\n/, '')
    const eq = p.indexOf('=')
    if (eq > 0) out[p.slice(0, eq)] = p.slice(eq + 1)
  }
  // what the probe itself set to ask for the dump, zsh's trace prompt, the process tag
  delete out.GPA_ENV_DUMP
  delete out.PS4
  delete out[TREE_TAG]
  return out
}

/** Parser shared by every POSIX shell; the trace, when there is one, is on stderr. */
export function parsePosix(out: ShellOutput, marker: string, traced = false): ShellView {
  const rec = recordMap(out.stdout, marker)
  const kind = rec.has('KIND') ? goKind(rec.get('KIND') ?? '') : undefined
  const which = (rec.get('WHICH') ?? '').trim()
  const site = fnSite(rec.get('FNSITE') ?? '')
  const seen: ShellView = {
    path: rec.get('PATH') ?? '',
    // what `command -v` printed names a program only when it is one
    resolved:
      kind === undefined || kind === 'file'
        ? which
        : kind === 'none'
          ? ''
          : which.startsWith(kind)
            ? which
            : `${kind} ${which || 'go'}`,
    kind,
    hits: hitsOf(out.stdout, marker),
    ...viewFromRecords(rec, ENV_NAMES),
  }
  const view = unwrapped(seen, rec.get('FNBODY'))
  if (rec.has('ENV0')) view.envDump = parseEnvDump(rec.get('ENV0') ?? '')
  if (rec.has('ZDOTDIR')) view.zdotdir = (rec.get('ZDOTDIR') ?? '').replace(/\n$/, '') || undefined
  if (rec.has('WSLCONF')) view.wslConf = parseWslConf(rec.get('WSLCONF') ?? '')
  if (rec.has('MSYSTEM')) {
    const root = (rec.get('MSYSROOT') ?? '').trim()
    view.msys = {
      msystem: (rec.get('MSYSTEM') ?? '').trim(),
      pathType: rec.has('MSYS2_PATH_TYPE') ? (rec.get('MSYS2_PATH_TYPE') ?? '').trim() : null,
      ...(/^[a-zA-Z]:[\\/]/.test(root) ? { root } : {}),
    }
  }
  if (traced) {
    const trace = parseXtrace(out.stderr, marker)
    view.trace = site ? { ...trace, fnSite: site } : trace
  }
  return view
}

interface PosixShellSpec {
  name: ShellName
  command: string
  pathStyle: PathStyle
  args: (file: string, launch: Launch) => string[]
  script: (marker: string, launch: Launch) => string
  launchEnv?: ShellAdapter['launchEnv']
}

function posixShell(spec: PosixShellSpec): ShellAdapter {
  const traces = (l: Launch) => l.mode !== 'runner'
  return {
    name: spec.name,
    command: spec.command,
    extension: '.sh',
    pathStyle: spec.pathStyle,
    script: spec.script,
    args: spec.args,
    launchEnv: spec.launchEnv,
    traces,
    parse: (out, marker, launch) => parsePosix(out, marker, traces(launch)),
  }
}

const dump = (l: Launch) => (l.mode === 'session' ? '1' : null)

/**
 * `shell: bash`: `bash --noprofile --norc -e -o pipefail {0}` (Git Bash on Windows). A
 * terminal's bash is interactive (`~/.bashrc`) on Linux, a login shell on macOS
 * (Terminal.app) and in Git for Windows' mintty (`bash --login -i`); the login session is
 * `bash --login`. Its files are read by scripts/bash-start.sh, traced.
 */
export function bashShell(platform: NodeJS.Platform): ShellAdapter {
  return posixShell({
    name: 'bash',
    command: 'bash',
    pathStyle: platform === 'win32' ? 'msys' : 'posix',
    script: (m, l) =>
      l.mode === 'runner' ? posixProbeScript(m) : startThenProbe('bash-start.sh', m, l),
    args: (f, l) =>
      l.mode === 'runner'
        ? ['--noprofile', '--norc', '-e', '-o', 'pipefail', f]
        : l.mode === 'session'
          ? ['--login', '--noprofile', f]
          : platform === 'darwin' || platform === 'win32'
            ? ['--login', '--noprofile', '-i', f]
            : ['--norc', '-i', f],
    launchEnv: (_m, l): LaunchEnv =>
      l.mode === 'runner' ? {} : { GPA_BASH_SYSRC: l.bashSysRc ?? null, GPA_ENV_DUMP: dump(l) },
  })
}

/**
 * `shell: sh`: `sh -e {0}`. A terminal's sh is interactive and reads the file `$ENV`
 * names; the login session reads /etc/profile and ~/.profile. scripts/sh-start.sh reads
 * them, traced (ENV is handed over as GPA_SH_ENV, so that sh does not read it first).
 */
export const shShell: ShellAdapter = posixShell({
  name: 'sh',
  command: 'sh',
  pathStyle: 'posix',
  script: (m, l) =>
    l.mode === 'runner' ? posixProbeScript(m) : startThenProbe('sh-start.sh', m, l),
  args: (f, l) => (l.mode === 'runner' ? ['-e', f] : l.mode === 'session' ? [f] : ['-i', f]),
  launchEnv: (_m, l, env): LaunchEnv =>
    l.mode === 'runner'
      ? {}
      : {
          ENV: null,
          GPA_SH_ENV: l.mode === 'terminal' ? (env?.ENV ?? null) : null,
          GPA_ENV_DUMP: dump(l),
        },
})

const ZSH_VARS = ['PATH', ...ENV_NAMES]

/**
 * zsh's trace prompt: zsh takes PS4 from the environment, so its own start-up is traced
 * as it is (`-x` from the first command of /etc/zsh/zshenv). With PROMPT_SUBST the values
 * are expanded; a `%` in them is doubled so that prompt expansion leaves it as it is.
 */
export function zshPs4(marker: string): string {
  const value = (expr: string) => `\x1f\${${expr}+s}\${\${${expr}-}//\\%/%%}`
  return [`\n${marker}T\x1f%x\x1f%I`, ...ZSH_VARS.map(value), value('aliases[go]'), '\x1e'].join('')
}

/**
 * `shell: zsh {0}` (a custom shell line; zsh reads ~/.zshenv even then). A terminal's zsh
 * is interactive (`~/.zshrc`) on Linux, login and interactive on macOS; the login session
 * is `zsh -l`. zsh's own start-up is traced (`-x`, PS4 from the environment); the probe's
 * first command turns the trace off.
 */
export function zshShell(platform: NodeJS.Platform): ShellAdapter {
  // +m: no job control (a terminal's zsh has it), so that the jobs a startup file starts
  // stay in the shell's process group and end with it
  const traced = ['-o', 'promptsubst', '-x', '+m']
  return posixShell({
    name: 'zsh',
    command: 'zsh',
    pathStyle: 'posix',
    // an interactive zsh may write its history (HISTFILE, SAVEHIST): never the probe's commands
    script: (m, l) =>
      l.mode === 'runner'
        ? posixProbeScript(m)
        : 'set +x 2>/dev/null\nunset HISTFILE\n' + probeAfterStart(m, l),
    args: (f, l) =>
      l.mode === 'runner'
        ? [f]
        : l.mode === 'session'
          ? [...traced, '-l', f]
          : platform === 'darwin'
            ? [...traced, '-l', '-i', f]
            : [...traced, '-i', f],
    launchEnv: (m, l): LaunchEnv =>
      l.mode === 'runner' ? {} : { PS4: zshPs4(m), GPA_ENV_DUMP: dump(l) },
  })
}
