/**
 * Launching a shell the way a later step (or a terminal) would, with its probe script, and
 * reading what it saw.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { clip } from '../base/errors.js'
import { isWsl } from '../base/types.js'
import { goEnvFromText } from '../go/go-env.js'
import { splitPath } from '../paths/split.js'
import { childEnv, getVar, setVar } from '../processes/env.js'
import { makeDirs } from '../files/dirs.js'
import { DEFAULT_MAX_BYTES, keptText, runProcess, type RunResult } from '../processes/run.js'
import { isFile, whichAll } from '../processes/which.js'
import { readHeadOrNull } from '../files/bytes.js'
import { answeredText, ptyFiles, ptyLaunch, ptyPlatform, type PtyFiles } from './pty.js'
import { bashSysRc, locateShell } from './adapters.js'
import { resolveGo } from './resolve.js'
import { startupErrors, stderrText } from './stderr.js'
import { withoutTrace } from './trace.js'
import type { Launch, ProbeResult, ShellAdapter } from './types.js'

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
  const executable =
    locateShell(adapter, o.env, o.platform) ??
    (o.lookupEnv ? locateShell(adapter, o.lookupEnv, o.platform) : null)
  if (!executable) {
    return {
      ...notRun(adapter, o.launch),
      status: 'missing',
      detail: `${adapter.command} is not on PATH`,
      durationMs: 0,
    }
  }
  const marker = `GPA${randomBytes(8).toString('hex')}`
  await makeDirs(o.tempDir)
  const file = path.join(o.tempDir, `probe-${adapter.name}-${marker}${adapter.extension}`)
  const { launch, text, args, started, pty } = await prepare(adapter, o, executable, file, marker)
  try {
    const launched = launchEnvironment(adapter, marker, launch, o.env, o.platform)
    const env = { ...launched, ...started.env }
    const maxBytes = adapter.traces(launch) ? TRACE_MAX_BYTES : undefined
    const ran = await runProcess(started.file, started.args, {
      env,
      cwd: o.cwd,
      timeoutMs: o.timeoutMs,
      verbatim: started.verbatim || adapter.verbatim,
      decode: adapter.decode,
      platform: o.platform,
      maxBytes,
      ...(adapter.stdinScript ? { input: text } : {}),
      ...(pty ? { answeredWhen: answeredText(marker) } : {}),
      // a terminal's shell leads a session of its own below `script`, a startup file may turn
      // job control on, and any (a step's BASH_ENV too) may fork twice into its own session
      wholeTree: true,
    })
    const r = pty ? answerFromFiles(ran, pty, maxBytes ?? DEFAULT_MAX_BYTES) : ran
    const result = readProbe(adapter, launch, marker, r, o)
    return judgeProbe(
      {
        ...result,
        executable,
        commandLine: `${executable} ${args.join(' ')}`,
        ...(o.launch.mode === 'terminal' && !adapter.stdinScript ? { terminal: !!pty } : {}),
        ...(adapter.pathStyle === 'msys' ? { started: startedWith(launched, o.platform) } : {}),
      },
      r,
      marker,
    )
  } finally {
    const files = [file, ...(pty ? [pty.records, pty.stderr] : [])]
    await Promise.all(files.map((f) => rm(f, { force: true })))
  }
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

/**
 * A shell in a terminal: its answer is what it wrote to its files, not what the terminal
 * showed (kept nowhere). A file that is missing was never written: the shell ended before.
 */
function answerFromFiles(r: RunResult, files: PtyFiles, maxBytes: number): RunResult {
  const read = (f: string) => {
    const head = readHeadOrNull(f, maxBytes)
    if (!head) return { text: '', more: 0 }
    return { text: keptText(head.bytes.toString('utf8'), head.more), more: head.more }
  }
  const out = read(files.records)
  const err = read(files.stderr)
  return {
    ...r,
    stdout: out.text,
    stderr: err.text,
    truncated: { stdout: out.more, stderr: err.more },
  }
}

/** The probe's launch: its script written, the shell's arguments, and how it is started. */
async function prepare(
  adapter: ShellAdapter,
  o: ProbeOptions,
  executable: string,
  file: string,
  marker: string,
) {
  const maker = terminalMaker(adapter, o)
  const pty = maker ? ptyFiles(file) : undefined
  const launch: Launch = {
    ...o.launch,
    ...(adapter.name === 'bash' && o.launch.mode !== 'runner' && o.platform !== 'win32'
      ? { bashSysRc: bashSysRc(executable) }
      : {}),
    ...(pty ? { records: pty.records } : {}),
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
  return { launch, text, args, started, pty }
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

/** PATH and ORIGINAL_PATH of the environment a Git Bash or MSYS2 shell starts in. */
function startedWith(env: NodeJS.ProcessEnv, platform: NodeJS.Platform) {
  return {
    path: getVar(env, 'PATH', platform) ?? '',
    originalPath: getVar(env, 'ORIGINAL_PATH', platform) ?? null,
  }
}

const notRun = (adapter: ShellAdapter, launch: Launch) => ({
  shell: adapter.name,
  mode: launch.mode,
  pathStyle: adapter.pathStyle,
  pathEntries: [],
  hits: { go: [], gofmt: [] },
})

/** What the shell printed, parsed: its view, the go it runs, its `go env`. */
function readProbe(
  adapter: ShellAdapter,
  launch: Launch,
  marker: string,
  r: RunResult,
  o: ProbeOptions,
): ProbeResult {
  const view = adapter.parse({ stdout: r.stdout, stderr: r.stderr }, marker, launch)
  const parsed =
    view.goEnvExit === 0 ? goEnvFromText(view.goEnvText) : { error: view.goEnvText.trim() }
  return {
    ...notRun(adapter, launch),
    durationMs: r.durationMs,
    stdout: r.stdout,
    stderr: adapter.traces(launch) ? withoutTrace(r.stderr, marker) : r.stderr,
    exitCode: r.exitCode,
    status: 'ok',
    view,
    pathEntries: splitPath(view.path, adapter.pathStyle),
    ...resolveGo(view, adapter, o.env, o.platform, isFile, o.mountRoot, o.cwd),
    goEnv: parsed.env,
    goEnvError: view.goEnvExit === null ? undefined : parsed.error,
  }
}

/** How the launch ended: ok, timed out, or failed (and why), from the process's end. */
export function judgeProbe(result: ProbeResult, r: RunResult, marker: string): ProbeResult {
  if (r.timedOut) return { ...result, status: 'timeout', detail: r.error }
  const stderr = result.stderr ?? ''
  // wsl.exe prints its own errors (no such distribution) on stdout
  const printed = clip(
    stderrText(stderr) ||
      (isWsl(result.shell) && !r.stdout.includes(marker) ? r.stdout.trim() : ''),
    500,
  )
  const failed = (why: string) =>
    ({ ...result, status: 'failed', detail: `${why}${printed ? `: ${printed}` : ''}` }) as const
  if (!r.stdout.includes(`${marker}:END`)) {
    return failed(r.error ?? `exited with ${r.exitCode} before the probe finished`)
  }
  // a wrapped step ends with an error when its last native command failed: here `go env`
  // (or cmd's 9009 "not recognized"; pwsh turns any such code into 1). Otherwise an error
  // exit comes from the shell itself, and every step of that shell gets it.
  const view = result.view
  const goFailed = !!view?.goNotFound || (view?.goEnvExit != null && view.goEnvExit !== 0)
  if (r.exitCode !== 0 && !goFailed) {
    return failed(`the probe ran to its end, but the shell exited with ${r.exitCode ?? r.signal}`)
  }
  const errors = clip(startupErrors(stderr), 500)
  return errors ? { ...result, startupErrors: errors } : result
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
