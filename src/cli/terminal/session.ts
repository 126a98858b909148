/**
 * Where a new terminal starts: the login environment and, on Linux, the login session
 * (`$SHELL -l`, traced); on Windows the registry's environment and cmd's AutoRun.
 */
import os from 'node:os'
import path from 'node:path'
import type { EnvLayer } from '../../base/origin.js'
import type { ShellName } from '../../base/types.js'
import { traceOrigins, type ShellOrigins } from '../../attribution/origins.js'
import { readLoginEnvironment, readRegistryEnvironment } from '../start/read-start.js'
import type { StartEnvironment } from '../start/start.js'
import { AUTORUN_KEYS, parseRegValue, regQuery, unreadable } from '../../registry/reg.js'
import { pathOf } from '../../processes/which.js'
import { adapterFor, shellNameOf } from '../../shells/adapters.js'
import { probeShell } from '../../shells/probe.js'
import type { ProbeResult } from '../../shells/types.js'
import type { AutorunValue, TerminalOptions } from './types.js'
import { homeOf } from '../../base/home.js'

export async function startEnvironment(o: TerminalOptions): Promise<StartEnvironment> {
  return o.platform === 'win32'
    ? readRegistryEnvironment(o.env)
    : readLoginEnvironment(o.env, o.platform)
}

export interface Session {
  env: NodeJS.ProcessEnv
  layer: EnvLayer
  shell: ShellName
  probe: ProbeResult
  origins?: ShellOrigins
  problem?: string
}

/**
 * Linux: a desktop session (GNOME, KDE) and an ssh login start with the user's login
 * shell reading its login files; the terminals opened in it inherit that environment.
 * Here that shell runs as a login shell from the login environment, traced, and its whole
 * environment is kept. A shell that cannot run a traced session (pwsh, an unknown one)
 * is replaced by sh, which reads the same /etc/profile and ~/.profile.
 */
export async function loginSession(
  start: StartEnvironment,
  o: TerminalOptions,
): Promise<Session | undefined> {
  if (o.platform === 'win32' || o.platform === 'darwin') return undefined
  const named = shellNameOf(start.env.SHELL)
  const shell: ShellName = named === 'bash' || named === 'zsh' || named === 'fish' ? named : 'sh'
  const adapter = adapterFor(shell, o.platform)!
  const probe = await probeShell(adapter, {
    env: start.env,
    platform: o.platform,
    tempDir: o.tempDir,
    cwd: o.workingDirectory,
    timeoutMs: o.timeoutMs,
    launch: { mode: 'session' },
    lookupEnv: shellLookup(o),
  })
  const dump = probe.view?.envDump
  if (probe.status !== 'ok' || !dump || !probe.view) {
    return {
      env: start.env,
      layer: start,
      shell,
      probe,
      problem: `the login session (${shell} as a login shell) did not start: ${probe.detail ?? probe.status}; the terminals were started from the login environment alone`,
    }
  }
  const origins = traceOrigins({
    shell,
    start,
    trace: probe.view.trace,
    final: { path: probe.view.path, env: probe.view.env, kind: probe.view.kind },
    style: 'posix',
    startStyle: 'posix',
    sameEntry: (a, b) => a === b,
    home: homeOf(start.env, o.platform),
    layer: 'session',
    isOwn: (f) => isOwnFile(f, o.tempDir),
    ...fishContext(probe),
  })
  return { env: dump, layer: origins.layer, shell, probe, origins }
}

/** This tool's probe and start-up scripts live in its temp folder. */
export const isOwnFile = (file: string, tempDir: string) =>
  file.startsWith(tempDir) || /[\\/]probe-[a-z]+-GPA[0-9a-f]+\.[a-z0-9]+$/.test(file)

export const fishContext = (p: ProbeResult) => ({
  fishDataDir: p.view?.trace?.fish?.dataDir,
  fishUserPaths: p.view?.trace?.fish?.userPaths,
})

/** cmd's AutoRun values, HKLM then HKCU, as a terminal's cmd runs them. */
export async function readAutorun(env: NodeJS.ProcessEnv): Promise<AutorunValue[]> {
  const values = await Promise.all(
    AUTORUN_KEYS.map(async (key) => {
      const r = await regQuery(env, key, 'AutoRun')
      if (!r.ok && !r.missing) throw unreadable(key, 'AutoRun', r)
      const v = r.ok ? parseRegValue(r.stdout, 'AutoRun') : null
      return v && v.data.trim() ? { key: key as string, value: v.data, type: v.type } : null
    }),
  )
  return values.filter((v): v is AutorunValue => !!v)
}

/**
 * Where to look for a shell a new terminal's PATH lacks: this terminal's PATH, then the
 * places shells are installed to (so that the answer does not depend on where the CLI was
 * started): the .NET tools folder (pwsh), PowerShell's own folder, Homebrew, snap.
 */
export function shellLookup(o: TerminalOptions): NodeJS.ProcessEnv {
  if (o.platform === 'win32') return o.env
  const homes = [
    ...new Set([homeOf(o.env, o.platform), accountHome()].filter((h): h is string => !!h)),
  ]
  const known = [
    ...homes.map((h) => path.posix.join(h, '.dotnet', 'tools')),
    '/opt/microsoft/powershell/7',
    '/usr/local/bin',
    '/opt/homebrew/bin',
    '/snap/bin',
    '/usr/bin',
    '/bin',
  ]
  return { ...o.env, PATH: [pathOf(o.env, o.platform) ?? '', ...known].filter(Boolean).join(':') }
}

function accountHome(): string | undefined {
  try {
    return os.userInfo().homedir
  } catch {
    return undefined
  }
}
