/**
 * How a probe's shell is started (I/O): its program found, its script written, its
 * environment and command line (a pseudo-terminal's `script` for a terminal's shell, cmd for
 * a batch file), and the files it leaves removed. probe.ts runs it and reads the answer.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { makeDirs } from '../files/dirs.js'
import { childEnv, getVar, setVar } from '../processes/env.js'
import { DEFAULT_MAX_BYTES } from '../processes/run.js'
import { whichAll } from '../processes/which.js'
import { answeredText, ptyFiles, ptyLaunch, ptyPlatform } from './pty.js'
import { bashSysRc, locateShell } from './adapters.js'
import type { Launch, ShellAdapter } from './types.js'

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
  /**
   * The environment a new terminal gets, while it is still being worked out (the login
   * session): `env` is then the one the session starts from. A shell that can take it
   * later (pwsh, its .NET start the slowest part of a check) starts at once and is handed
   * it (env-handoff.ts); any other waits for it.
   */
  envLater?: Promise<NodeJS.ProcessEnv>
}

/** A trace of a heavy start-up (bash-completion) can be large; plain output stays small. */
const TRACE_MAX_BYTES = 64 * 1024 * 1024

/** The shell's program: on the environment's PATH, else where this process finds it. */
export const locate = (adapter: ShellAdapter, env: NodeJS.ProcessEnv, o: ProbeOptions) =>
  locateShell(adapter, env, o.platform) ??
  (o.lookupEnv ? locateShell(adapter, o.lookupEnv, o.platform) : null)

export type Begun = Awaited<ReturnType<typeof begin>>

/** The probe's script written and its launch worked out (with a hand-over file: `early`). */
export async function begin(
  adapter: ShellAdapter,
  o: ProbeOptions,
  executable: string,
  early = false,
) {
  const marker = `GPA${randomBytes(8).toString('hex')}`
  await makeDirs(o.tempDir)
  const file = path.join(o.tempDir, `probe-${adapter.name}-${marker}${adapter.extension}`)
  const envFile = early ? `${file}.env` : undefined
  const prepared = await prepare(adapter, o, executable, file, marker, envFile)
  const env = launchEnvironment(adapter, marker, prepared.launch, o.env, o.platform)
  const maxBytes = adapter.traces(prepared.launch) ? TRACE_MAX_BYTES : DEFAULT_MAX_BYTES
  return { ...prepared, marker, file, envFile, executable, env, maxBytes }
}

export function runOptions(p: Begun, o: ProbeOptions) {
  return {
    env: { ...p.env, ...p.started.env },
    cwd: o.cwd,
    timeoutMs: o.timeoutMs,
    verbatim: p.started.verbatim || p.adapter.verbatim,
    decode: p.adapter.decode,
    platform: o.platform,
    maxBytes: p.maxBytes,
    ...(p.adapter.stdinScript ? { input: p.text } : {}),
    ...(p.pty ? { answeredWhen: answeredText(p.marker) } : {}),
    // a terminal's shell leads a session of its own below `script`, a startup file may turn
    // job control on, and any (a step's BASH_ENV too) may fork twice into its own session
    wholeTree: true,
  }
}

export async function cleanUp(p: Begun) {
  const files = [
    p.file,
    ...(p.pty ? [p.pty.records, p.pty.stderr] : []),
    ...(p.envFile ? [p.envFile, `${p.envFile}.tmp`] : []),
  ]
  await Promise.all(files.map((f) => rm(f, { force: true })))
}

/**
 * The program that gives a terminal's shell a pseudo-terminal here, if there is one (not
 * for wsl.exe: a WSL terminal's console is Windows').
 */
function terminalMaker(adapter: ShellAdapter, o: ProbeOptions): string | null {
  if (o.launch.mode !== 'terminal' || adapter.stdinScript || !ptyPlatform(o.platform)) return null
  const found = (env: NodeJS.ProcessEnv) => whichAll('script', env, o.platform)[0]
  const program = found(o.env) ?? (o.lookupEnv ? found(o.lookupEnv) : undefined)
  return program && knownScript(program, o.platform) ? program : null
}

const scriptKinds = new Map<string, boolean>()

/**
 * Whether this `script` takes the command line ptyLaunch gives it: macOS's (BSD), or on
 * Linux util-linux's (`-e -c`); another (BusyBox's has no `-e`) leaves the shells on pipes.
 */
function knownScript(program: string, platform: NodeJS.Platform): boolean {
  if (platform !== 'linux') return true
  let known = scriptKinds.get(program)
  if (known === undefined) {
    const r = spawnSync(program, ['--version'], { encoding: 'utf8', timeout: 5000 })
    known = /util-linux/.test(`${r.stdout ?? ''}${r.stderr ?? ''}`)
    scriptKinds.set(program, known)
  }
  return known
}

/** The probe's launch: its script written, the shell's arguments, and how it is started. */
async function prepare(
  adapter: ShellAdapter,
  o: ProbeOptions,
  executable: string,
  file: string,
  marker: string,
  envFile?: string,
) {
  const maker = terminalMaker(adapter, o)
  const pty = maker ? ptyFiles(file) : undefined
  const launch: Launch = {
    ...o.launch,
    ...(adapter.name === 'bash' && o.launch.mode !== 'runner' && o.platform !== 'win32'
      ? { bashSysRc: bashSysRc(executable) }
      : {}),
    ...(pty ? { records: pty.records } : {}),
    ...(envFile ? { envFile } : {}),
  }
  const text = adapter.script(marker, launch)
  await writeFile(file, text)
  const args = adapter.args(file, launch)
  const started: {
    file: string
    args: string[]
    verbatim?: boolean
    env?: Record<string, string>
  } =
    maker && pty
      ? ptyLaunch(maker, executable, args, pty, o.env.SHELL, o.platform)
      : startLine(executable, args, o.env, o.platform)
  return { adapter, launch, text, args, started, pty }
}

/**
 * How a program is started: a batch file (setup-msys2's `msys2.cmd`) as Windows starts one
 * for the runner, through `%ComSpec% /c` with the command line quoted whole (`/s` strips
 * the outer quotes); anything else as it is.
 */
export function startLine(
  executable: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): { file: string; args: string[]; verbatim: boolean } {
  if (platform !== 'win32' || !/\.(cmd|bat)$/i.test(executable)) {
    return { file: executable, args, verbatim: false }
  }
  const quoted = [executable, ...args].map((a) => `"${a}"`).join(' ')
  return {
    file: getVar(env, 'ComSpec', platform) || 'cmd.exe',
    args: ['/s', '/c', `"${quoted}"`],
    verbatim: true,
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
