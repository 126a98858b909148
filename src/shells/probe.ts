/**
 * Launching a shell the way a later step (or a terminal) would, with its probe script, and
 * reading what it saw.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, openSync, readSync, closeSync, fstatSync } from 'node:fs'
import { rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { clip } from '../base/errors.js'
import type { Audience, ShellName } from '../base/types.js'
import { goEnvFromText } from '../go/go-env.js'
import { toHostPath } from '../paths/forms.js'
import { splitPath } from '../paths/split.js'
import { childEnv, getVar, setVar } from '../proc/env.js'
import { runProcess } from '../proc/run.js'
import { isFile, pathCandidates, whichAll } from '../proc/which.js'
import { cmdShell } from './cmd.js'
import { fishShell } from './fish.js'
import { bashShell, shShell, zshShell } from './posix.js'
import { powershellShell, pwshShell } from './pwsh.js'
import { withoutTrace } from './trace.js'
import type { Launch, ProbeResult, ShellAdapter, ShellView } from './types.js'
import { makeDirs } from '../proc/fs.js'

/** The adapters of the shells a later step can use on this OS (WSL comes from wsl/). */
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
      return platform === 'win32' ? null : zshShell(platform)
    case 'fish':
      return platform === 'win32' ? null : fishShell(platform)
    case 'wsl':
      return null
  }
}

/**
 * What `shells: auto` means on each OS (those not installed are noted, not errors). A
 * developer's machine has fish more often than a runner: the CLI looks for it too.
 */
export function autoShells(platform: NodeJS.Platform, audience: Audience = 'runner'): ShellName[] {
  if (platform === 'win32') return ['cmd', 'pwsh', 'powershell', 'bash', 'wsl']
  return audience === 'terminal'
    ? ['bash', 'sh', 'zsh', 'fish', 'pwsh']
    : ['bash', 'sh', 'pwsh', 'zsh']
}

/**
 * The system-wide rc file an interactive bash reads, when this bash was built with one
 * (Debian's and MSYS2's `/etc/bash.bashrc`, compiled in as SYS_BASHRC): looked for in the
 * executable itself, so that no distribution is assumed.
 */
export function bashSysRc(executable: string): string | undefined {
  const wanted = Buffer.from('/etc/bash.bashrc\0')
  let fd: number | undefined
  try {
    fd = openSync(executable, 'r')
    const size = Math.min(fstatSync(fd).size, 64 * 1024 * 1024)
    const buf = Buffer.alloc(size)
    readSync(fd, buf, 0, size, 0)
    return buf.includes(wanted) ? '/etc/bash.bashrc' : undefined
  } catch {
    return undefined
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
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

export interface Resolution {
  /** every go / gofmt on the shell's PATH, host paths, in lookup order */
  hits: { go: string[]; gofmt: string[] }
  cwdHit?: string
  /** the go program the shell runs, as a host path */
  runs?: string
}

/**
 * Which go the shell runs, and every go / gofmt on its PATH. POSIX shells list their hits
 * themselves; for cmd and pwsh they are looked up here on the shell's own PATH and
 * PATHEXT (each folder in order, each extension in order within it), and cmd first looks
 * in its current folder unless NoDefaultCurrentDirectoryInExePath is set.
 */
export function resolveGo(
  view: ShellView,
  adapter: Pick<ShellAdapter, 'name' | 'pathStyle'>,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  exists: (p: string) => boolean = isFile,
  mountRoot?: string,
  cwd?: string,
): Resolution {
  const host = (p: string) => {
    const h = toHostPath(p, adapter.pathStyle, platform, mountRoot)
    // a relative PATH entry (`.`, `bin`) is the shell's working folder's
    return cwd && adapter.pathStyle !== 'wsl' && !isAbsoluteHere(h, platform)
      ? pathModule(platform).resolve(cwd, h)
      : h
  }
  // what the shell itself answered (`command -v`, Get-Command): a path, or an alias/function
  const isProgram = view.kind === undefined || view.kind === 'file'
  const runs = isProgram && /[\\/]/.test(view.resolved) ? host(view.resolved) : undefined
  if (view.hits) {
    return { hits: { go: view.hits.go.map(host), gofmt: view.hits.gofmt.map(host) }, runs }
  }
  const dirs = splitPath(view.path, adapter.pathStyle).map(host)
  const pathext = view.pathext ?? getVar(env, 'PATHEXT', platform)
  const find = (name: string, where: string[]) =>
    pathCandidates(name, where, platform, pathext).filter(exists)
  const hits = { go: find('go', dirs), gofmt: find('gofmt', dirs) }
  if (adapter.name === 'cmd') {
    const cwdHit = view.cwdSearch && view.cwd ? find('go', [view.cwd])[0] : undefined
    return { hits, cwdHit, runs: view.goNotFound ? undefined : (cwdHit ?? hits.go[0]) }
  }
  return { hits, runs }
}

const pathModule = (platform: NodeJS.Platform) => (platform === 'win32' ? path.win32 : path.posix)
const isAbsoluteHere = (p: string, platform: NodeJS.Platform) => pathModule(platform).isAbsolute(p)

/** Lines shells print on their own when started without a terminal; not errors. */
const NOISE = [
  /cannot set terminal process group/,
  /no job control in this shell/,
  /^bash: initialize_job_control/,
  /^zsh: can't set tty pgrp/,
  /can't access tty; job control turned off/,
]

/** Words of an error message (a banner or a plain notice on stderr is not one). */
const ERROR_WORDS =
  /error|exception|not found|no such file|cannot|can't|denied|failed|unexpected|syntax|not recognized|is not/i

/**
 * What the shell printed on stderr while starting, when it reads as an error: ANSI-free,
 * without the lines shells print on their own when started without a terminal.
 */
export function startupErrors(stderr: string): string {
  const text = stderrText(stderr)
  return text.split('\n').some((l) => ERROR_WORDS.test(l)) ? text : ''
}

/** stderr without ANSI colours and without what shells print on their own. */
export function stderrText(stderr: string): string {
  return (
    stderr
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\[[0-9;]*[A-Za-z]/g, '')
      .split(/\r?\n/)
      .map((l) => l.trimEnd())
      .filter((l) => l.trim() && !NOISE.some((n) => n.test(l)))
      .join('\n')
  )
}

export interface ProbeOptions {
  env: NodeJS.ProcessEnv
  platform: NodeJS.Platform
  tempDir: string
  cwd: string
  timeoutMs: number
  launch: Launch
  /** WSL's mount root, for the wsl adapter's hits */
  mountRoot?: string
  /**
   * Where to look for the shell when the environment it starts in does not have it on
   * PATH (a new terminal's PATH may lack a shell this terminal found): this process's own
   */
  lookupEnv?: NodeJS.ProcessEnv
}

/** A trace of a heavy start-up (bash-completion) can be large; plain output stays small. */
const TRACE_MAX_BYTES = 64 * 1024 * 1024

/** Launches one shell the way the runner (or a terminal) would, and parses what it saw. */
export async function probeShell(adapter: ShellAdapter, o: ProbeOptions): Promise<ProbeResult> {
  const base = {
    shell: adapter.name,
    mode: o.launch.mode,
    pathStyle: adapter.pathStyle,
    pathEntries: [],
    hits: { go: [], gofmt: [] },
  }
  const executable =
    locateShell(adapter, o.env, o.platform) ??
    (o.lookupEnv ? locateShell(adapter, o.lookupEnv, o.platform) : null)
  if (!executable) {
    return {
      ...base,
      status: 'missing',
      detail: `${adapter.command} is not on PATH`,
      durationMs: 0,
    }
  }
  const marker = `GPA${randomBytes(8).toString('hex')}`
  await makeDirs(o.tempDir)
  const file = path.join(o.tempDir, `probe-${adapter.name}-${marker}${adapter.extension}`)
  const launch: Launch =
    adapter.name === 'bash' && o.launch.mode !== 'runner' && o.platform !== 'win32'
      ? { ...o.launch, bashSysRc: bashSysRc(executable) }
      : o.launch
  await writeFile(file, adapter.script(marker, launch))
  const args = adapter.args(file, launch)
  const commandLine = `${executable} ${args.join(' ')}`
  const traced = adapter.traces(launch)
  try {
    const env = launchEnvironment(adapter, marker, launch, o.env, o.platform)
    const r = await runProcess(executable, args, {
      env,
      cwd: o.cwd,
      timeoutMs: o.timeoutMs,
      verbatim: adapter.verbatim,
      decode: adapter.decode,
      platform: o.platform,
      maxBytes: traced ? TRACE_MAX_BYTES : undefined,
      killSession: true,
    })
    const stderr = traced ? withoutTrace(r.stderr, marker) : r.stderr
    const view = adapter.parse({ stdout: r.stdout, stderr: r.stderr }, marker, launch)
    const ended = r.stdout.includes(`${marker}:END`)
    const found = resolveGo(view, adapter, o.env, o.platform, isFile, o.mountRoot, o.cwd)
    const parsed =
      view.goEnvExit === 0 ? goEnvFromText(view.goEnvText) : { error: view.goEnvText.trim() }
    const result: ProbeResult = {
      ...base,
      executable,
      commandLine,
      durationMs: r.durationMs,
      stdout: r.stdout,
      stderr,
      exitCode: r.exitCode,
      status: 'ok',
      view,
      pathEntries: splitPath(view.path, adapter.pathStyle),
      ...found,
      goEnv: parsed.env,
      goEnvError: view.goEnvExit === null ? undefined : parsed.error,
    }
    if (r.timedOut) return { ...result, status: 'timeout', detail: r.error }
    const printed = clip(stderrText(stderr), 500)
    if (!ended) {
      const why = r.error ?? `exited with ${r.exitCode} before the probe finished`
      return { ...result, status: 'failed', detail: `${why}${printed ? `: ${printed}` : ''}` }
    }
    // a wrapped step ends with an error when its last native command failed: here `go env`
    // (or cmd's 9009 "not recognized"; pwsh turns any such code into 1). Otherwise an error
    // exit comes from the shell itself, and every step of that shell gets it.
    const goFailed = view.goNotFound || (view.goEnvExit !== null && view.goEnvExit !== 0)
    if (r.exitCode !== 0 && !goFailed) {
      const why = `the probe ran to its end, but the shell exited with ${r.exitCode ?? r.signal}`
      return { ...result, status: 'failed', detail: `${why}${printed ? `: ${printed}` : ''}` }
    }
    const errors = clip(startupErrors(stderr), 500)
    return errors ? { ...result, startupErrors: errors } : result
  } finally {
    await rm(file, { force: true })
  }
}

/** The environment one launch starts in: the given one, with the adapter's changes. */
export function launchEnvironment(
  adapter: ShellAdapter,
  marker: string,
  launch: Launch,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): NodeJS.ProcessEnv {
  let out = childEnv(env, platform)
  for (const [k, v] of Object.entries(adapter.launchEnv?.(marker, launch, env) ?? {})) {
    if (v === null) {
      for (const name of Object.keys(out))
        if (platform === 'win32' ? name.toUpperCase() === k.toUpperCase() : name === k)
          delete out[name]
    } else out = setVar(out, k, v, platform)
  }
  return out
}

/** Probes the shells in parallel; each has its own timeout. */
export function probeShells(adapters: ShellAdapter[], o: ProbeOptions): Promise<ProbeResult[]> {
  return Promise.all(adapters.map((a) => probeShell(a, o)))
}
