/**
 * WSL from the command line on Windows: the distributions whose new terminals are checked
 * (every registered one, or those `--shells wsl,wsl:NAME` names), read from the registry
 * (the Lxss key: no wsl.exe call that could wait for the WSL VM), each probed as a row of
 * its own (shells/wsl.ts).
 */
import type { Origin } from '../../base/origin.js'
import { isWsl, type ShellName, type WslShell } from '../../base/types.js'
import type { ShellOrigins } from '../../attribution/origins.js'
import type { Expected } from '../../check/types.js'
import { distributionsOf, LXSS_KEY, regQueryTree } from '../../registry/reg.js'
import { DEFAULT_MOUNT_ROOT } from '../../paths/forms.js'
import { wslTerminalShell } from '../../shells/wsl.js'
import type { ProbeResult } from '../../shells/types.js'
import { wslExpected } from '../../wsl/setup.js'
import { wslExecutable } from '../../wsl/provision.js'
import type { WslTerminals } from './types.js'

/**
 * The WSL rows of a terminal check on Windows, or nothing when WSL is not asked for:
 * `auto` takes every registered distribution (the default one as `wsl`, each other as
 * `wsl:NAME`); a list takes the `wsl` and `wsl:NAME` it names.
 */
export async function wslTerminal(o: {
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  shells: 'auto' | ShellName[]
}): Promise<WslTerminals | undefined> {
  if (o.platform !== 'win32') return undefined
  const asked = o.shells === 'auto' ? undefined : o.shells.filter(isWsl)
  if (asked?.length === 0) return undefined
  const none = (why: string): WslTerminals => ({
    rows: [],
    unavailable: Object.fromEntries((asked ?? ['wsl']).map((s) => [s, why])),
  })
  if (!wslExecutable(o.env)) return none('wsl.exe is not on PATH: WSL is not installed')
  const tree = await regQueryTree(o.env, LXSS_KEY)
  if (!tree.ok && !tree.missing)
    return none(`the registry key ${LXSS_KEY} could not be read (${tree.detail})`)
  const all = tree.ok ? distributionsOf(tree.stdout).map((d) => d.name) : []
  if (all.length === 0)
    return none(`WSL has no distribution registered for this user (${LXSS_KEY})`)
  return wslRows(asked, all)
}

/**
 * Each WSL row and the distribution it starts (pure): `wsl` is the default one (the
 * registry's first), `wsl:NAME` the one named so (any case); no list means every one.
 */
export function wslRows(asked: WslShell[] | undefined, registered: string[]): WslTerminals {
  const wanted: WslShell[] = asked ?? [
    'wsl',
    ...registered.slice(1).map((name): WslShell => `wsl:${name}`),
  ]
  const out: WslTerminals = { rows: [], unavailable: {} }
  for (const shell of wanted) {
    const named = shell === 'wsl' ? registered[0] : shell.slice('wsl:'.length)
    const distribution = registered.find((d) => d.toLowerCase() === named.toLowerCase())
    if (distribution)
      out.rows.push({
        shell,
        distribution,
        mountRoot: DEFAULT_MOUNT_ROOT,
        adapter: wslTerminalShell(distribution, shell),
      })
    else
      out.unavailable[shell] =
        `no WSL distribution named ${named} is registered for this user (${registered.join(', ')})`
  }
  return out
}

/** Layers of the Windows side: what a WSL terminal has from them crossed into WSL. */
const WINDOWS_LAYERS: ReadonlySet<Origin['layer']> = new Set(['registry', 'login', 'inherited'])

/**
 * A WSL terminal's origins in WSL's words (pure): what WSL's init gave the login shell is
 * the distribution's login environment; a PATH entry from the Windows side was appended by
 * WSL (appendWindowsPath), a Go variable from there was passed in through WSLENV.
 */
export function inWslWords(o: ShellOrigins): ShellOrigins {
  const word = (origin: Origin, crossed: string): Origin =>
    origin.layer === 'shell'
      ? { ...origin, where: "the distribution's login environment (as wsl.exe starts its shell)" }
      : WINDOWS_LAYERS.has(origin.layer)
        ? { ...origin, where: `${origin.where}, ${crossed}` }
        : origin
  const path = 'the Windows PATH WSL appends (appendWindowsPath)'
  return {
    ...o,
    entries: o.entries.map((e) => ({ ...e, origin: word(e.origin, path) })),
    removed: o.removed.map((e) => ({ ...e, origin: word(e.origin, path) })),
    vars: Object.fromEntries(
      Object.entries(o.vars).map(([n, v]) => [n, v && word(v, 'passed into WSL through WSLENV')]),
    ),
  }
}

/** A WSL row's probe, when its new terminal answered. */
export const answeredWsl = (probes: readonly ProbeResult[], shell: WslShell) =>
  probes.find((x) => x.shell === shell && x.status === 'ok')

/**
 * What each new WSL terminal is held to: the Linux Go it runs (a Linux Go is not a Windows
 * Go: only the version can agree with the reference), or the tree `--go wsl:PATH` names;
 * its own GOPATH, so that the rules compare each distribution with itself and the version
 * rule with the reference.
 */
export function wslExpectation(probes: ProbeResult[], held?: string): Expected['perShell'] {
  const out: NonNullable<Expected['perShell']> = {}
  for (const p of probes) {
    const goroot = held ?? p.goEnv?.GOROOT
    if (!isWsl(p.shell) || p.status !== 'ok' || !goroot || !goroot.startsWith('/')) continue
    const gopath = (p.goEnv?.GOPATH ?? '').split(':')[0] || `${goroot}/../go`
    out[p.shell] = wslExpected({ goroot, gopath })
  }
  return Object.keys(out).length ? out : undefined
}
