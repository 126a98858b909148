import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { ShellName } from '../inputs.js'
import { childEnv, getVar, setVar } from '../env/child-env.js'
import { splitShellPath, toHostPath } from '../env/paths.js'
import { isFile, pathCandidates, whichAll } from '../env/which.js'
import { parseGoEnvJson } from '../go/go-env.js'
import { cmdShell } from './cmd.js'
import { bashShell, shShell, zshShell } from './posix.js'
import { powershellShell, pwshShell } from './pwsh.js'
import { runWithTimeout } from './run.js'
import type { ProbeResult, ShellAdapter, ShellView } from './types.js'

/** The adapters of the shells a later step can use on this OS. */
export function adapterFor(name: ShellName, platform: NodeJS.Platform): ShellAdapter | null {
  switch (name) {
    case 'cmd':
      return platform === 'win32' ? cmdShell : null
    case 'pwsh':
      return pwshShell(platform)
    case 'powershell':
      return platform === 'win32' ? powershellShell(platform) : null
    case 'bash':
      return bashShell(platform)
    case 'sh':
      return platform === 'win32' ? null : shShell
    case 'zsh':
      return platform === 'win32' ? null : zshShell
    case 'wsl':
      return null
  }
}

/** What `shells: auto` means on each OS. */
export function autoShells(platform: NodeJS.Platform): ShellName[] {
  return platform === 'win32'
    ? ['cmd', 'pwsh', 'powershell', 'bash', 'wsl']
    : ['bash', 'sh', 'pwsh', 'zsh']
}

/** The executable the runner would pick: the first hit on PATH (cmd falls back to %ComSpec%). */
export function locateShell(
  adapter: ShellAdapter,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): string | null {
  const hit = whichAll(adapter.command, env, platform)[0]
  if (hit) return hit
  if (adapter.name === 'cmd') {
    const comspec = getVar(env, 'ComSpec', platform)
    if (comspec && existsSync(comspec)) return comspec
  }
  return null
}

/** `go env -json` text, tolerating warnings printed around the object. */
export function goEnvFromText(text: string): { env?: Record<string, string>; error?: string } {
  const start = text.indexOf('{')
  const end = text.lastIndexOf('}')
  if (start < 0 || end < start) return { error: text.trim() || 'no output' }
  try {
    return { env: parseGoEnvJson(text.slice(start, end + 1)) }
  } catch (err) {
    return { error: (err as Error).message }
  }
}

/**
 * Every go / gofmt the shell's PATH holds, as host paths: taken from the shell's own
 * listing when it made one (POSIX shells, WSL), else looked up here with PATHEXT.
 */
export function hitsFor(
  view: ShellView,
  adapter: ShellAdapter,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  exists: (p: string) => boolean = isFile,
): { go: string[]; gofmt: string[] } {
  if (view.hits) {
    const host = (p: string) => toHostPath(p, adapter.pathStyle, platform)
    return { go: view.hits.go.map(host), gofmt: view.hits.gofmt.map(host) }
  }
  const entries = splitShellPath(view.path, adapter.pathStyle).map((e) =>
    toHostPath(e, adapter.pathStyle, platform),
  )
  const joined = entries.join(platform === 'win32' ? ';' : ':')
  const pathext = getVar(env, 'PATHEXT', platform)
  const find = (name: string) => pathCandidates(name, joined, platform, pathext).filter(exists)
  return { go: find('go'), gofmt: find('gofmt') }
}

export interface ProbeOptions {
  env: NodeJS.ProcessEnv
  platform: NodeJS.Platform
  tempDir: string
  cwd: string
  timeoutMs: number
}

/** Launches one shell the way the runner would, with its probe script, and parses what it saw. */
export async function probeShell(adapter: ShellAdapter, o: ProbeOptions): Promise<ProbeResult> {
  const base = {
    shell: adapter.name,
    pathStyle: adapter.pathStyle,
    pathEntries: [],
    hits: { go: [], gofmt: [] },
  }
  const executable = locateShell(adapter, o.env, o.platform)
  if (!executable) {
    return {
      ...base,
      status: 'missing',
      detail: `${adapter.command} is not on PATH`,
      durationMs: 0,
    }
  }
  const marker = `GPA${randomBytes(8).toString('hex')}`
  await mkdir(o.tempDir, { recursive: true })
  const file = path.join(o.tempDir, `probe-${adapter.name}-${marker}${adapter.extension}`)
  await writeFile(file, adapter.script(marker))
  const args = adapter.args(file)
  const commandLine = `${executable} ${args.join(' ')}`
  try {
    const r = await runWithTimeout(
      executable,
      args,
      {
        env: Object.entries(adapter.launchEnv ?? {}).reduce(
          (env, [k, v]) => setVar(env, k, v, o.platform),
          childEnv(o.env, o.platform),
        ),
        cwd: o.cwd,
        timeoutMs: o.timeoutMs,
        verbatim: adapter.verbatim,
        decode: adapter.decode,
      },
      o.platform,
    )
    const raw = {
      executable,
      commandLine,
      durationMs: r.durationMs,
      stdout: r.stdout,
      stderr: r.stderr,
      exitCode: r.exitCode,
    }
    const view = adapter.parse(r.stdout, marker)
    const ended = r.stdout.includes(`${marker}:END`)
    const pathEntries = splitShellPath(view.path, adapter.pathStyle)
    const hits = hitsFor(view, adapter, o.env, o.platform)
    const parsed =
      view.goEnvExit === 0 ? goEnvFromText(view.goEnvText) : { error: view.goEnvText.trim() }
    const result: ProbeResult = {
      ...base,
      ...raw,
      status: 'ok',
      view,
      pathEntries,
      hits,
      goEnv: parsed.env,
      goEnvError: view.goEnvExit === null ? undefined : parsed.error,
    }
    if (r.timedOut) return { ...result, status: 'timeout', detail: r.error }
    if (!ended) {
      const why = r.error ?? `exited with ${r.exitCode} before the probe finished`
      return {
        ...result,
        status: 'failed',
        detail: `${why}${r.stderr.trim() ? `: ${r.stderr.trim().slice(0, 500)}` : ''}`,
      }
    }
    return result
  } finally {
    await rm(file, { force: true })
  }
}

/** Probes the shells in parallel; each has its own timeout. */
export async function probeShells(
  adapters: ShellAdapter[],
  o: ProbeOptions,
): Promise<ProbeResult[]> {
  return Promise.all(adapters.map((a) => probeShell(a, o)))
}
