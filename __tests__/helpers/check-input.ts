/** Check inputs and probe results as the probe makes them, for rule and attribution tests. */
import type { ShellName } from '../../src/base/types.js'
import type { CheckInput } from '../../src/check/types.js'
import { resolveGo } from '../../src/shells/resolve.js'
import type { ProbeResult, ShellAdapter, ShellView } from '../../src/shells/types.js'
import { goEnvFromText } from '../../src/go/go-env.js'

export const ROOT = 'C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64'
export const GO = `${ROOT}\\bin\\go.exe`
export const GOPATH = 'C:\\Users\\runneradmin\\go'
export const WIN_PATH = [
  `${ROOT}\\bin`,
  `${GOPATH}\\bin`,
  'C:\\Program Files\\Git\\bin',
  'C:\\Windows\\system32',
]
const msys = (p: string) => '/' + p[0].toLowerCase() + p.slice(2).replace(/\\/g, '/')

export function goEnv(over: Record<string, string> = {}) {
  return { GOROOT: ROOT, GOPATH, GOVERSION: 'go1.22.5', GOOS: 'windows', GOARCH: 'amd64', ...over }
}

export type ProbeOver = Omit<Partial<ProbeResult>, 'view'> & {
  path?: string[]
  env?: Record<string, string | null>
  resolved?: string
  view?: Partial<ShellView>
}

/**
 * A probe result as the probe makes it (hits and `runs` are host paths): which go the shell
 * runs is worked out by the probe's own resolveGo, from what the shell said (its `command -v`
 * or Get-Command answer) or, for cmd, from its PATH and PATHEXT over the files listed in `hits`.
 */
export function probe(shell: ShellName, over: ProbeOver = {}): ProbeResult {
  const style = over.pathStyle ?? (shell === 'bash' ? 'msys' : 'win32')
  const entries =
    over.path ?? (style === 'msys' ? ['/mingw64/bin', '/usr/bin', ...WIN_PATH.map(msys)] : WIN_PATH)
  const hits = over.hits ?? { go: [GO], gofmt: [`${ROOT}\\bin\\gofmt.exe`] }
  const { path: _path, env, resolved, view, ...rest } = over
  const fullView: ShellView = {
    path: entries.join(style === 'win32' ? ';' : ':'),
    env: {
      GOROOT: ROOT,
      GOPATH,
      GOBIN: null,
      GOTOOLCHAIN: 'local',
      GOFLAGS: null,
      GOENV: null,
      ...(env ?? {}),
    },
    resolved: resolved ?? (shell === 'cmd' ? '' : (hits.go[0] ?? '')),
    goStarted: true,
    goEnvText: '{}',
    goEnvExit: 0,
    ...(shell === 'cmd' ? {} : { hits }),
    ...(view ?? {}),
  }
  const platform = style === 'posix' ? 'linux' : 'win32'
  const listed = new Set([...hits.go, ...hits.gofmt])
  const found = resolveGo(fullView, { name: shell, pathStyle: style }, {}, platform, (p) =>
    listed.has(p),
  )
  return {
    shell,
    mode: 'runner',
    status: 'ok',
    durationMs: 100,
    pathStyle: style,
    pathEntries: entries,
    hits: found.hits,
    ...(found.cwdHit ? { cwdHit: found.cwdHit } : {}),
    runs: found.runs,
    goEnv: goEnv(),
    ...rest,
    view: fullView,
  }
}

export const missing = (shell: ShellName, detail?: string): ProbeResult => ({
  shell,
  mode: 'runner',
  status: 'missing',
  detail,
  durationMs: 0,
  pathStyle: 'posix',
  pathEntries: [],
  hits: { go: [], gofmt: [] },
})

export function input(probes: ProbeResult[], over: Partial<CheckInput> = {}): CheckInput {
  return {
    platform: 'win32',
    expected: {
      goroot: ROOT,
      gopath: GOPATH,
      gotoolchain: 'local',
      version: '1.22.5',
      goBinary: GO,
      gorootBin: `${ROOT}\\bin`,
      gopathBin: `${GOPATH}\\bin`,
    },
    requested: 'auto',
    probes,
    toolchain: {
      goEnv: { ok: true, goVersion: 'go1.22.5', goos: 'windows', goarch: 'amd64' },
      pkgTool: { ok: true, dir: 'pkg\\tool\\windows_amd64' },
      gofmt: { ok: true },
      vet: { ok: true },
    },
    env: { USERPROFILE: 'C:\\Users\\runneradmin' },
    ...over,
  }
}

/** What the POSIX probe prints in a Git Bash or MSYS2 shell with the exported GOROOT and GOPATH. */
export function posixTranscript(
  marker: string,
  s: { path: string; hits: string[]; which: string; goEnvText?: string; extra?: string[] },
): string {
  const M = marker
  return [
    `${M}:PATH`,
    s.path,
    `${M}:ENV:GOROOT`,
    ROOT,
    `${M}:ENV:GOPATH`,
    GOPATH,
    `${M}:UNSET:GOBIN`,
    `${M}:ENV:GOTOOLCHAIN`,
    'local',
    `${M}:UNSET:GOFLAGS`,
    `${M}:UNSET:GOENV`,
    ...s.hits.flatMap((h) => [`${M}:HIT:${h.includes('gofmt') ? 'gofmt' : 'go'}`, h]),
    `${M}:WHICH`,
    s.which,
    ...(s.goEnvText === undefined ? [] : [`${M}:GOENV`, s.goEnvText, '', `${M}:GOENVEXIT:0`]),
    ...(s.extra ?? []),
    `${M}:END`,
    '',
  ].join('\n')
}

/**
 * A Windows probe result from what the POSIX probe printed (a Git Bash or MSYS2
 * transcript): the adapter's own parser, hit mapping and `go env` reading.
 */
export function probeFromTranscript(
  adapter: ShellAdapter,
  marker: string,
  stdout: string,
  over: Partial<ProbeResult> = {},
): ProbeResult {
  const view = adapter.parse({ stdout, stderr: '' }, marker, { mode: 'runner' })
  return {
    shell: adapter.name,
    mode: 'runner',
    status: 'ok',
    durationMs: 80,
    pathStyle: adapter.pathStyle,
    view,
    pathEntries: view.path.split(':'),
    ...resolveGo(view, adapter, {}, 'win32'),
    goEnv: view.goStarted ? goEnvFromText(view.goEnvText).env : undefined,
    ...over,
  }
}
