import semver from 'semver'
import { pathKey, programKey, splitShellPath, toHostPath, type PathStyle } from '../env/paths.js'
import { goToSemver } from '../go/version.js'
import type { ShellName } from '../inputs.js'
import type { ProbeResult } from '../shells/types.js'
import { WSL_HINT } from '../wsl/plan.js'
import type { CheckInput, Finding } from './types.js'

/** cmd.exe's command-line limit; PATH near it breaks `set PATH=...;%PATH%` lines. */
export const CMD_LINE_LIMIT = 8191
/** Windows' limit for one environment variable. */
export const ENV_VALUE_LIMIT = 32766
const NEAR = 0.9

type Rule = (c: CheckInput) => Finding[]

const okProbes = (c: CheckInput) => c.probes.filter((p) => p.status === 'ok' && p.view)

function expectedFor(c: CheckInput, shell: ShellName) {
  return { ...c.expected, ...(c.expected.perShell?.[shell] ?? {}) }
}

/** Comparison key of a path as one shell reports it. */
function key(c: CheckInput, p: string, style: PathStyle): string {
  return pathKey(p, style, c.platform, c.env, c.realpath)
}

/** Comparison key of a program (go, go.exe): Git Bash names go.exe without its extension. */
function progKey(c: CheckInput, p: string, style: PathStyle): string {
  return programKey(p, style, c.platform, c.env, c.realpath)
}

/** How go hits and the action's own paths are spelled for a shell: host form, or Linux for WSL. */
function hitStyle(c: CheckInput, shell: ShellName): PathStyle {
  return shell === 'wsl' ? 'posix' : c.platform === 'win32' ? 'win32' : 'posix'
}

/** Key of a path the action itself wrote (host form, or the WSL tree for WSL). */
function expectedKey(c: CheckInput, shell: ShellName, p: string): string {
  return key(c, p, hitStyle(c, shell))
}

/** Key of the go program the action exported for a shell. */
function expectedProgram(c: CheckInput, shell: ShellName, p: string): string {
  return progKey(c, p, hitStyle(c, shell))
}

/** The go a shell runs: its own answer when it gave a path, else the first hit. */
export function runsGo(p: ProbeResult, platform: NodeJS.Platform): string | undefined {
  const resolved = p.view?.resolved
  if (resolved && /[\\/]/.test(resolved)) return toHostPath(resolved, p.pathStyle, platform)
  // inside WSL, `go` never runs a go.exe: that one is only reachable by its full name
  return p.shell === 'wsl' ? p.hits.go.find((h) => !isExe(h)) : p.hits.go[0]
}

const isExe = (p: string) => /\.exe$/i.test(p)

/** Git Bash's own folders, which its launcher puts ahead of everything on PATH. */
export function isGitBashDir(dir: string): boolean {
  const d = dir.replace(/[\\/]+$/, '')
  return (
    /^\/(usr\/bin|mingw(32|64)\/bin|bin)$/.test(d) ||
    /[\\/]git[\\/](usr[\\/]bin|mingw(32|64)[\\/]bin|bin|cmd)$/i.test(d)
  )
}

const shellAvailability: Rule = (c) =>
  c.probes.flatMap((p): Finding[] => {
    const asked = c.requested !== 'auto' || (c.required ?? []).includes(p.shell)
    if (p.status === 'missing') {
      return [
        {
          id: 'shell-missing',
          severity: asked ? 'error' : 'notice',
          category: 'config',
          shells: [p.shell],
          message: `${p.shell}: ${p.detail ?? 'not available'}${asked ? '' : ' (skipped under shells: auto)'}`,
          hint:
            p.shell === 'wsl'
              ? WSL_HINT
              : asked
                ? `Install ${p.shell} on the runner, or remove it from the shells input.`
                : `Nothing to do unless later steps use shell: ${p.shell}.`,
        },
      ]
    }
    if (p.status === 'timeout') {
      const inGo = (p.stdout ?? '').includes(':GOENV')
      return [
        {
          id: inGo ? 'go-timeout' : 'shell-timeout',
          severity: 'error',
          category: inGo ? 'toolchain' : 'config',
          shells: [p.shell],
          message: inGo
            ? `${p.shell}: \`go env\` did not answer (${p.detail})`
            : `${p.shell}: the shell did not finish its probe (${p.detail})`,
          hint: inGo
            ? 'Run `go env` in that shell by hand; a hanging go often waits on a network toolchain download (GOTOOLCHAIN) or a locked GOCACHE.'
            : 'Look for a profile or startup file of that shell that waits for input or the network.',
        },
      ]
    }
    if (p.status === 'failed') {
      return [
        {
          id: 'shell-failed',
          severity: 'error',
          category: 'config',
          shells: [p.shell],
          message: `${p.shell}: the probe failed: ${p.detail}`,
          hint: `Run a trivial step with shell: ${p.shell} to see the error; a broken profile is the usual cause.`,
        },
      ]
    }
    return []
  })

const goResolution: Rule = (c) => {
  const out: Finding[] = []
  for (const p of okProbes(c)) {
    const exp = expectedFor(c, p.shell)
    const want = expectedProgram(c, p.shell, exp.goBinary)
    const resolved = p.view!.resolved
    const style = hitStyle(c, p.shell)
    const hitKeys = p.hits.go.map((h) => progKey(c, h, style))
    if (!resolved && p.hits.go.length === 0) {
      out.push({
        id: 'go-missing',
        severity: 'error',
        category: 'config',
        shells: [p.shell],
        message: `${p.shell}: no go on PATH`,
        hint: `Make sure ${exp.goBinary.replace(/[\\/]go(\.exe)?$/, '')} is on PATH for that shell (a profile or startup file may rebuild PATH).`,
      })
      continue
    }
    if (resolved && !/[\\/]/.test(resolved)) {
      out.push({
        id: 'go-not-a-program',
        severity: 'error',
        category: 'config',
        shells: [p.shell],
        message: `${p.shell}: \`go\` is a ${resolved}, not the program ${exp.goBinary}`,
        hint: 'Remove the alias or function named go (often defined in the shell profile).',
      })
      continue
    }
    const first = runsGo(p, c.platform)
    if (first === undefined) {
      // WSL with only Windows go.exe files on its PATH
      out.push({
        id: 'wsl-go-interop-only',
        severity: 'error',
        category: 'config',
        shells: [p.shell],
        message: `${p.shell}: no Linux go on PATH; only the Windows ${p.hits.go[0]}, reachable through interop as go.exe, which is not a Linux toolchain`,
        hint: `Let this action provision WSL (wsl: true, after Vampire/setup-wsl) so that ${exp.goBinary} comes first; GOPATH and the build cache stay on the Linux side.`,
      })
      continue
    }
    const firstKey = progKey(c, first, style)
    if (firstKey === want) continue
    const cwdHit = p.view!.cwdHit
    if (cwdHit && progKey(c, cwdHit, style) === firstKey) {
      out.push({
        id: 'go-in-workdir',
        severity: 'error',
        category: 'config',
        shells: [p.shell],
        message: `${p.shell}: ${cwdHit} in the working directory runs instead of the exported ${exp.goBinary}`,
        hint: 'cmd looks in the current folder before PATH: delete or rename that file (often a build output named go.exe), or set NoDefaultCurrentDirectoryInExePath=1 for the job.',
      })
      continue
    }
    if (hitKeys.includes(want)) {
      const dir = first.replace(/[\\/][^\\/]+$/, '')
      out.push({
        id: 'go-shadowed',
        severity: 'error',
        category: 'config',
        shells: [p.shell],
        message: `${p.shell}: ${first} comes before the exported ${exp.goBinary} on PATH`,
        hint:
          p.pathStyle === 'msys' && isGitBashDir(dir)
            ? `${dir} is one of Git Bash's own folders, which its launcher puts ahead of GITHUB_PATH; delete the go found there (it is not Go's).`
            : `Remove ${dir} from PATH, or delete that go; the exported GOROOT/bin must come first.`,
      })
    } else {
      out.push({
        id: 'go-other',
        severity: 'error',
        category: 'config',
        shells: [p.shell],
        message: `${p.shell}: go is ${first}, and the exported ${exp.goBinary} is not on PATH at all`,
        hint: 'Something replaced PATH for that shell after the export (a profile, a later step, or an rc file); put GOROOT/bin back in front.',
      })
    }
  }
  return out
}

const gopathBin: Rule = (c) => {
  const missing: string[] = []
  for (const p of okProbes(c)) {
    const exp = expectedFor(c, p.shell)
    const bin = `${exp.gopath.replace(/[\\/]+$/, '')}${exp.gopath.includes('\\') ? '\\' : '/'}bin`
    const want = expectedKey(c, p.shell, bin)
    const style: PathStyle = p.pathStyle
    if (!p.pathEntries.some((e) => key(c, e, style) === want)) missing.push(p.shell)
  }
  if (missing.length === 0) return []
  return [
    {
      id: 'gopath-bin-missing',
      severity: 'error',
      category: 'config',
      shells: missing,
      message: `GOPATH/bin is not on PATH in ${missing.join(', ')}: tools installed with \`go install\` will not be found`,
      hint: 'Add GOPATH/bin to PATH (this action does so through GITHUB_PATH; check what removed it).',
    },
  ]
}

const duplicates: Rule = (c) => {
  const out: Finding[] = []
  for (const p of okProbes(c)) {
    const style = hitStyle(c, p.shell)
    // literal repeats only: /bin and /usr/bin being one folder on merged-/usr systems is not a mistake
    const goDirs = p.hits.go.map((h) =>
      pathKey(h.replace(/[\\/][^\\/]+$/, ''), style, c.platform, c.env),
    )
    const seen = new Set<string>()
    const dup = goDirs.filter((d) => (seen.has(d) ? true : (seen.add(d), false)))
    const byKey = new Map<string, string>()
    for (const h of p.hits.go) {
      const k = progKey(c, h, style)
      if (!byKey.has(k)) byKey.set(k, h)
    }
    const distinct = [...byKey.values()]
    if (dup.length > 0) {
      out.push({
        id: 'path-duplicate',
        severity: 'warning',
        category: 'config',
        shells: [p.shell],
        message: `${p.shell}: a folder holding go is on PATH more than once (${[...new Set(dup)].join(', ')})`,
        hint: 'Remove the repeated PATH entries; they make PATH longer and the order harder to reason about.',
      })
    }
    if (distinct.length > 1) {
      out.push({
        id: 'go-several',
        severity: 'notice',
        category: 'config',
        shells: [p.shell],
        message: `${p.shell}: ${distinct.length} different go programs on PATH: ${distinct.join(', ')}`,
        hint: 'Only the first one runs; the others are harmless until PATH order changes.',
      })
    }
  }
  return out
}

function valuesDisagree(
  c: CheckInput,
  name: 'GOROOT' | 'GOPATH',
  pick: (exp: ReturnType<typeof expectedFor>) => string,
): Finding[] {
  const wrong: string[] = []
  const seen: string[] = []
  for (const p of okProbes(c)) {
    const v = p.goEnv?.[name]
    if (v === undefined) continue
    const want = pick(expectedFor(c, p.shell))
    const style = hitStyle(c, p.shell)
    if (key(c, v, style) !== expectedKey(c, p.shell, want)) {
      wrong.push(p.shell)
      seen.push(`${p.shell}: ${v || '(empty)'}`)
    }
  }
  if (wrong.length === 0) return []
  return [
    {
      id: `${name.toLowerCase()}-mismatch`,
      severity: 'error',
      category: 'config',
      shells: wrong,
      message: `${name} differs from the exported value in ${wrong.join(', ')} (${seen.join('; ')})`,
      hint:
        name === 'GOROOT'
          ? 'Unset GOROOT wherever it is set by hand (profile, machine variable, `go env -w GOROOT`); the exported value should be the only one.'
          : 'Set GOPATH in one place only: the gopath input of this action.',
    },
  ]
}

/** Git Bash rewrites POSIX-looking values when it starts go.exe: compare before and after. */
const msysConversion: Rule = (c) => {
  const out: Finding[] = []
  for (const p of okProbes(c)) {
    if (p.pathStyle !== 'msys') continue
    const exp = expectedFor(c, p.shell)
    for (const [name, want] of [
      ['GOROOT', exp.goroot],
      ['GOPATH', exp.gopath],
    ] as const) {
      const inShell = p.view!.env[name]
      const seen = p.goEnv?.[name]
      if (!inShell || seen === undefined) continue
      const wantKey = key(c, want, 'win32')
      if (key(c, inShell, 'msys') === wantKey && key(c, seen, 'win32') !== wantKey) {
        out.push({
          id: 'msys-converted',
          severity: 'error',
          category: 'config',
          shells: [p.shell],
          message: `${p.shell}: ${name} is ${inShell} in the shell but go.exe saw ${seen || '(empty)'}`,
          hint: `MSYS rewrote the value on its way to go.exe; set MSYS2_ENV_CONV_EXCL=${name} for Git Bash steps, and export ${name} as a native C:\\ path.`,
        })
      }
    }
  }
  return out
}

const gorootAgrees: Rule = (c) => valuesDisagree(c, 'GOROOT', (e) => e.goroot)
const gopathAgrees: Rule = (c) => valuesDisagree(c, 'GOPATH', (e) => e.gopath)

const gotoolchainAgrees: Rule = (c) => {
  if (c.expected.gotoolchain === null) return []
  const wrong = okProbes(c).filter(
    (p) => (p.view!.env.GOTOOLCHAIN ?? null) !== c.expected.gotoolchain,
  )
  if (wrong.length === 0) return []
  return [
    {
      id: 'gotoolchain-mismatch',
      severity: 'error',
      category: 'config',
      shells: wrong.map((p) => p.shell),
      message: `GOTOOLCHAIN is not "${c.expected.gotoolchain}" in ${wrong.map((p) => `${p.shell} (${p.view!.env.GOTOOLCHAIN ?? 'unset'})`).join(', ')}`,
      hint: 'A shell that does not get GOTOOLCHAIN may let go.mod switch to another toolchain; export it there too (WSL needs it in WSLENV).',
    },
  ]
}

const goVersionAgrees: Rule = (c) => {
  const out: Finding[] = []
  const wrong: string[] = []
  for (const p of okProbes(c)) {
    const v = p.goEnv?.GOVERSION
    if (!v) continue
    const exp = expectedFor(c, p.shell)
    const first = runsGo(p, c.platform)
    const style = hitStyle(c, p.shell)
    const runsExported =
      first !== undefined && progKey(c, first, style) === expectedProgram(c, p.shell, exp.goBinary)
    if (goToSemver(v.split(/\s|\+/)[0]) !== c.expected.version && runsExported)
      wrong.push(`${p.shell}: ${v}`)
  }
  if (wrong.length > 0) {
    out.push({
      id: 'version-not-installed',
      severity: 'error',
      category: 'toolchain',
      shells: wrong.map((w) => w.split(':')[0]),
      message: `The exported go reports another version than ${c.expected.version} (${wrong.join('; ')})`,
      hint: 'GOTOOLCHAIN or a go.mod toolchain line switched toolchains, or the tree was overwritten; set gotoolchain: local and reinstall.',
    })
  }
  return out
}

const goFailsInShell: Rule = (c) =>
  okProbes(c)
    .filter((p) => p.view!.goEnvExit !== null && (p.view!.goEnvExit !== 0 || !p.goEnv))
    .map((p) => ({
      id: 'go-fails',
      severity: 'error' as const,
      category: 'toolchain' as const,
      shells: [p.shell],
      message: `${p.shell}: \`go env\` failed (exit ${p.view!.goEnvExit}): ${(p.goEnvError ?? '').slice(0, 300) || 'no output'}`,
      hint: `Run \`${runsGo(p, c.platform) ?? 'go'} env\` in that shell; a go that cannot run is a broken or foreign (wrong OS/arch) toolchain.`,
    }))

const toolchain: Rule = (c) => {
  const t = c.toolchain
  const out: Finding[] = []
  const add = (id: string, ok: boolean, message: string, hint: string) => {
    if (!ok) out.push({ id, severity: 'error', category: 'toolchain', shells: [], message, hint })
  }
  add(
    'go-broken',
    t.goEnv.ok,
    `${c.expected.goBinary} env failed: ${t.goEnv.detail ?? ''}`,
    'Reinstall Go: the tree is damaged or built for another OS/arch.',
  )
  add(
    'pkg-tool-missing',
    t.pkgTool.ok,
    `GOROOT ${c.expected.goroot} has no ${t.pkgTool.dir}`,
    'The GOROOT is not a complete Go tree (a bare go binary copied somewhere?); point GOROOT at a full installation.',
  )
  add(
    'gofmt-fails',
    t.gofmt.ok,
    `gofmt in GOROOT/bin does not work: ${t.gofmt.detail ?? ''}`,
    'Reinstall Go; gofmt ships with every Go tree.',
  )
  add(
    'vet-missing',
    t.vet.ok,
    `go vet is not available: ${t.vet.detail ?? ''}`,
    'Reinstall Go; vet ships in GOROOT/pkg/tool.',
  )
  const reported = t.goEnv.goVersion ? goToSemver(t.goEnv.goVersion.split(/\s|\+/)[0]) : null
  if (t.goEnv.ok && reported && reported !== c.expected.version) {
    out.push({
      id: 'version-not-installed',
      severity: 'error',
      category: 'toolchain',
      shells: [],
      message: `The Go in ${c.expected.goroot} reports ${t.goEnv.goVersion}, not ${c.expected.version}`,
      hint: 'Something else was unpacked into that folder, or GOTOOLCHAIN switched toolchains; clear the tool cache entry.',
    })
  }
  return out
}

const GOENV_FILE_VARS = ['GOROOT', 'GOPATH', 'GOTOOLCHAIN', 'GOBIN', 'GOFLAGS'] as const

const goEnvFile: Rule = (c) => {
  const f = c.goEnvFile
  if (!f) return []
  const exp: Record<string, string | null> = {
    GOROOT: c.expected.goroot,
    GOPATH: c.expected.gopath,
    GOTOOLCHAIN: c.expected.gotoolchain,
  }
  const out: Finding[] = []
  for (const name of GOENV_FILE_VARS) {
    const v = f.values[name]
    if (v === undefined) continue
    const want = exp[name]
    const style: PathStyle = c.platform === 'win32' ? 'win32' : 'posix'
    const same =
      want === undefined || want === null
        ? false
        : name === 'GOTOOLCHAIN'
          ? v === want
          : key(c, v, style) === key(c, want, style)
    if (same) continue
    const fights = want !== undefined && want !== null
    out.push({
      id: 'goenv-file-conflict',
      severity: fights ? 'error' : 'warning',
      category: 'config',
      shells: [],
      message: fights
        ? `\`go env -w ${name}=${v}\` in ${f.path} fights the exported ${name}=${want}; any shell without the exported variable gets the file's value`
        : `\`go env -w ${name}=${v}\` in ${f.path} applies to every shell of this user`,
      hint: `Run \`go env -u ${name}\` to remove it from the go env file.`,
      file: f.path,
    })
  }
  return out
}

const lengths: Rule = (c) => {
  if (c.platform !== 'win32') return []
  const out: Finding[] = []
  for (const p of okProbes(c)) {
    if (p.pathStyle !== 'win32') continue
    const len = p.view!.path.length
    if (len > ENV_VALUE_LIMIT) {
      out.push({
        id: 'var-too-long',
        severity: 'error',
        category: 'config',
        shells: [p.shell],
        message: `${p.shell}: PATH is ${len} characters, over Windows' ${ENV_VALUE_LIMIT}`,
        hint: 'Remove unused and repeated PATH entries.',
      })
    } else if (len > CMD_LINE_LIMIT) {
      out.push({
        id: 'path-too-long',
        severity: 'error',
        category: 'config',
        shells: [p.shell],
        message: `${p.shell}: PATH is ${len} characters, over cmd's ${CMD_LINE_LIMIT}-character line limit`,
        hint: 'Remove unused and repeated PATH entries; cmd truncates or refuses longer lines.',
      })
    } else if (len > CMD_LINE_LIMIT * NEAR) {
      out.push({
        id: 'path-near-limit',
        severity: 'warning',
        category: 'config',
        shells: [p.shell],
        message: `${p.shell}: PATH is ${len} characters, near cmd's ${CMD_LINE_LIMIT} limit`,
        hint: 'Trim PATH before adding more tools.',
      })
    }
    for (const [name, v] of Object.entries(p.view!.env)) {
      if (v !== null && v.length > ENV_VALUE_LIMIT) {
        out.push({
          id: 'var-too-long',
          severity: 'error',
          category: 'config',
          shells: [p.shell],
          message: `${p.shell}: ${name} is ${v.length} characters, over ${ENV_VALUE_LIMIT}`,
          hint: `Shorten ${name}.`,
        })
      }
    }
  }
  return out
}

const modules: Rule = (c) => {
  const m = c.modules
  if (!m) return []
  const out: Finding[] = []
  const want = m.goLine ? goToSemver(m.goLine.version) : null
  if (
    want &&
    c.expected.gotoolchain?.split('+')[0] === 'local' &&
    semver.gt(want, c.expected.version)
  ) {
    out.push({
      id: 'gomod-newer',
      severity: 'error',
      category: 'config',
      shells: [],
      message: `${m.goMod} asks for go ${m.goLine!.version} but Go ${c.expected.version} is installed and GOTOOLCHAIN=local forbids switching`,
      hint: `Set go-version (or go-version-file: ${m.goMod}) to at least ${m.goLine!.version}.`,
      file: m.goMod,
      line: m.goLine!.line,
    })
  }
  if (!m.goSumPresent && m.requires.length > 0) {
    out.push({
      id: 'gosum-missing',
      severity: 'error',
      category: 'module',
      shells: [],
      message: `${m.goMod} requires ${m.requires.length} module(s) but ${m.goSum} does not exist`,
      hint: 'Run `go mod tidy` and commit go.sum.',
      file: m.goMod,
      line: m.requires[0].line,
    })
  } else if (m.missingSums.length > 0) {
    out.push({
      id: 'gosum-stale',
      severity: 'error',
      category: 'module',
      shells: [],
      message: `${m.goSum} has no entry for ${m.missingSums.map((r) => `${r.path} ${r.version}`).join(', ')} required by ${m.goMod}`,
      hint: 'Run `go mod tidy` and commit go.sum.',
      file: m.goMod,
      line: m.missingSums[0].line,
    })
  }
  if (m.verify && !m.verify.ok) {
    out.push({
      id: 'mod-verify-failed',
      severity: 'error',
      category: 'module',
      shells: [],
      message: `go mod verify failed: ${(m.verify.detail ?? '').slice(0, 500)}`,
      hint: 'A module in the cache was changed or go.sum is wrong: `go clean -modcache`, then `go mod download` and `go mod verify`.',
      file: m.goMod,
      line: 1,
    })
  }
  return out
}

export const RULES: Rule[] = [
  shellAvailability,
  goResolution,
  gopathBin,
  duplicates,
  msysConversion,
  gorootAgrees,
  gopathAgrees,
  gotoolchainAgrees,
  goVersionAgrees,
  goFailsInShell,
  toolchain,
  goEnvFile,
  lengths,
  modules,
]

/** Every finding, errors first, each rule's order kept. */
export function evaluate(c: CheckInput): Finding[] {
  const rank = { error: 0, warning: 1, notice: 2 }
  return RULES.flatMap((r) => r(c)).sort((a, b) => rank[a.severity] - rank[b.severity])
}

export { splitShellPath }
