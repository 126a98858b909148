/**
 * WSL from the command line on Windows: the distribution a new WSL terminal opens (the
 * default one, or `--shells wsl:NAME`), read from the registry (the Lxss key: no wsl.exe call
 * that could wait for the WSL VM), and the probe of its new terminal (shells/wsl.ts).
 */
import type { Origin } from '../../base/origin.js'
import type { ShellName } from '../../base/types.js'
import type { ShellOrigins } from '../../attribution/origins.js'
import type { Expected } from '../../check/types.js'
import { distributionsOf, LXSS_KEY, regQueryTree } from '../../registry/reg.js'
import { wslTerminalShell } from '../../shells/wsl.js'
import type { ProbeResult } from '../../shells/types.js'
import { wslExpected, type WslSetup } from '../../wsl/setup.js'
import { wslExecutable } from '../../wsl/provision.js'

/** The WSL part of a terminal check on Windows, or nothing when WSL is not asked for. */
export async function wslTerminal(o: {
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  shells: 'auto' | ShellName[]
  distribution?: string
}): Promise<WslSetup | undefined> {
  if (o.platform !== 'win32') return undefined
  if (o.shells !== 'auto' && !o.shells.includes('wsl')) return undefined
  const base = {
    exports: {},
    required: o.distribution ? (['wsl'] as ShellName[]) : [],
    excludeFromAuto: [],
    findings: [],
  }
  const none = (unavailable: string): WslSetup => ({ ...base, unavailable })
  if (!wslExecutable(o.env)) return none('wsl.exe is not on PATH: WSL is not installed')
  const tree = await regQueryTree(o.env, LXSS_KEY)
  if (!tree.ok && !tree.missing)
    return none(`the registry key ${LXSS_KEY} could not be read (${tree.detail})`)
  const all = tree.ok ? distributionsOf(tree.stdout) : []
  if (all.length === 0)
    return none(`WSL has no distribution registered for this user (${LXSS_KEY})`)
  const wanted = o.distribution
  const chosen = wanted ? all.find((d) => d.name.toLowerCase() === wanted.toLowerCase()) : all[0]
  if (!chosen)
    return none(
      `no WSL distribution named ${wanted} is registered for this user (${all.map((d) => d.name).join(', ')})`,
    )
  return {
    ...base,
    adapter: wslTerminalShell(chosen.name),
    mountRoot: '/mnt/',
    distribution: chosen.name,
  }
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

/** The new WSL terminal's probe, when it answered. */
export const answeredWsl = (probes: readonly ProbeResult[]) =>
  probes.find((x) => x.shell === 'wsl' && x.status === 'ok')

/**
 * What a new WSL terminal is held to: the Linux Go it runs, when that Go is the reference's
 * version (a Linux Go is not a Windows Go: only the version can agree); its own GOROOT and
 * GOPATH, so that the rules compare WSL with itself and the version rule with the reference.
 */
export function wslExpectation(probes: ProbeResult[]): Expected['perShell'] {
  const p = answeredWsl(probes)
  const goroot = p?.goEnv?.GOROOT
  if (!p || !goroot || !goroot.startsWith('/')) return undefined
  const gopath = (p.goEnv?.GOPATH ?? '').split(':')[0] || `${goroot}/../go`
  return { wsl: wslExpected({ goroot, gopath }) }
}
