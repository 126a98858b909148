/** Which go each shell runs, and whether GOPATH/bin is on its PATH. */
import { finding, type Finding } from '../../findings/catalog.js'
import { dirOf } from '../../paths/forms.js'
import { isWsl, type Audience } from '../../base/types.js'
import { isGitBashDir, type ShellSight, type Sights } from '../sight.js'
import { windowsPathInWsl } from '../../shells/wsl-conf.js'
import { theGo, type CheckInput } from '../types.js'
import { msysPathCause } from './msys.js'
import type { Rule } from './types.js'
import { gitBashHomeOf } from '../../base/home.js'

const isExe = (p: string) => /\.exe$/i.test(p)

export const goResolution: Rule = (c, s) =>
  s.shells.flatMap((sh) => {
    const view = sh.probe.view
    if (notAProgram(view)) {
      return finding(
        'go-not-a-program',
        [sh.shell],
        `${sh.shell}: \`go\` is ${/^[aeiou]/i.test(view.resolved) ? 'an' : 'a'} ${view.resolved}, not the program ${sh.expected.goBinary}`,
        { audience: c.audience },
      )
    }
    const wrapper = view.wrapper
      ? [
          finding(
            'go-wrapper',
            [sh.shell],
            `${sh.shell}: \`go\` is a function that only runs the go on PATH (${view.wrapper.split('\n').length > 1 ? view.wrapper.replace(/\s+/g, ' ') : view.wrapper}): a wrapper around the go on PATH, ${view.resolved}`,
            { audience: c.audience },
          ),
        ]
      : []
    if (sh.runsExported) return wrapper
    const profile = msysPathCause(c, s, sh)
    if (profile) return [...wrapper, profile]
    if (!sh.runs) return [...wrapper, noGo(sh, c.audience)]
    return [...wrapper, otherGo(c, s, sh)]
  })

/** No go runs in this shell: none on PATH, or (WSL) only a Windows go.exe. */
function noGo(sh: ShellSight, audience: Audience | undefined): Finding {
  const name = sh.shell
  // inside WSL, /etc/wsl.conf decides whether Windows' PATH (and its go.exe) is appended
  const inWsl = isWsl(name) ? windowsPathInWsl(sh.probe.view.wslConf) : undefined
  if (inWsl && sh.hits.some((h) => isExe(h.path))) {
    const why = inWsl.appended
      ? inWsl.why
      : `${inWsl.why}, so a startup file or the environment put that Windows folder on PATH`
    // inside WSL, `go` never runs a go.exe: that one is reachable only by its full name
    return finding(
      'wsl-go-interop-only',
      [name],
      `${name}: no Linux go on PATH; only the Windows ${sh.hits[0].path}, reachable through interop as go.exe, which is not a Linux toolchain (${why})`,
      { audience },
    )
  }
  const wslWhy =
    inWsl && !inWsl.appended ? ` (${inWsl.why}, so not even a Windows go.exe is seen)` : ''
  const why = sh.probe.view.goNotFound ? ' (cmd answered "\'go\' is not recognized")' : wslWhy
  return finding('go-missing', [name], `${name}: no go on PATH${why}`, {
    audience,
    params: { gorootBin: sh.expected.gorootBin },
  })
}

/** Another go runs: from the working folder, one ahead of ours on PATH, or ours is absent. */
function otherGo(c: CheckInput, s: Sights, sh: ShellSight): Finding {
  const { probe: p, expected, shell: name } = sh
  const first = sh.runs!
  const ours = `${theGo(c.expected)} ${expected.goBinary}`
  const audience = c.audience
  if (p.cwdHit && first.path === p.cwdHit) {
    return finding(
      'go-in-workdir',
      [name],
      `${name}: ${p.cwdHit} in the working directory runs instead of ${ours}`,
      { audience },
    )
  }
  if (!sh.hits.some((h) => h.programKey === sh.keys.goBinary)) {
    return finding(
      'go-other',
      [name],
      `${name}: go is ${first.path}, and ${ours} is not on PATH at all`,
      { audience },
    )
  }
  const dir = dirOf(first.path)
  // PATHEXT decides within one folder only on Windows
  const sameFolder =
    c.platform === 'win32' &&
    !isWsl(name) &&
    first.dirKey === s.comparer.dirKey(expected.gorootBin, sh.valueStyle)
  const message = sameFolder
    ? `${name}: ${first.path} comes before ${ours} in the same folder (PATHEXT lists its extension first)`
    : `${name}: ${first.path} comes before ${ours} on PATH`
  // Git Bash's launcher puts its `~/bin` first: MSYS's `~`
  const home = gitBashHomeOf(c.env)
  const because = sameFolder
    ? 'pathext'
    : p.pathStyle === 'msys' && isGitBashDir(dir, home)
      ? 'git-bash'
      : 'order'
  const params = {
    program: first.path,
    dir,
    gorootBin: expected.gorootBin,
    shell: name,
    because,
  } as const
  return finding('go-shadowed', [name], message, { audience, params })
}

/**
 * `go install` writes to GOBIN when it is set, else to GOPATH's first entry's bin: that
 * folder must be on PATH. On a developer's machine a missing one is a warning: nothing
 * fails until a tool is installed.
 */
export const gopathBin: Rule = (c, s) => {
  const missing = s.shells.filter((sh) => {
    // a Git Bash or MSYS2 profile that dropped GOROOT/bin dropped this too: one finding says so
    if (notAProgram(sh.probe.view) || (!sh.runsExported && msysPathCause(c, s, sh))) return false
    const gobin = sh.probe.goEnv?.GOBIN
    const want = gobin ? s.comparer.dirKey(gobin, sh.valueStyle) : sh.keys.gopathBin
    return !sh.entries.some((e) => e.dirKey === want)
  })
  if (missing.length === 0) return []
  // each shell's own folder (a WSL terminal's is the Linux one): named once when they agree
  const folder = (sh: (typeof missing)[number]) => {
    const gobin = sh.probe.goEnv?.GOBIN
    return gobin ? `GOBIN (${gobin})` : `GOPATH/bin (${sh.expected.gopathBin})`
  }
  const folders = new Set(missing.map(folder))
  const where =
    folders.size === 1
      ? `${folder(missing[0])} is not on PATH in ${missing.map((sh) => sh.shell).join(', ')}`
      : `${missing.map((sh) => `${folder(sh)} is not on PATH in ${sh.shell}`).join('; ')}`
  return [
    finding(
      'gopath-bin-missing',
      missing.map((sh) => sh.shell),
      `${where}: tools installed with \`go install\` will not be found`,
      { audience: c.audience, severity: c.audience === 'terminal' ? 'warning' : 'error' },
    ),
  ]
}

/** `go` is an alias, a function or a builtin in this shell, not a program on PATH. */
export function notAProgram(view: { kind?: string; resolved: string }): boolean {
  if (view.kind !== undefined) return view.kind !== 'file' && view.kind !== 'none'
  return !!view.resolved && !/[\\/]/.test(view.resolved)
}
