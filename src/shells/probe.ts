/**
 * Launching a shell the way a later step (or a terminal) would, with its probe script
 * (launch.ts), and reading what it saw.
 */
import { rename, writeFile } from 'node:fs/promises'
import { clip } from '../base/errors.js'
import { isWsl } from '../base/types.js'
import { goEnvFromText } from '../go/go-env.js'
import { splitPath } from '../paths/split.js'
import { getVar } from '../processes/env.js'
import { keptText, runProcess, type RunResult } from '../processes/run.js'
import { isFile } from '../processes/which.js'
import { readHeadOrNull } from '../files/bytes.js'
import type { PtyFiles } from './pty.js'
import { handoff } from './env-handoff.js'
import {
  begin,
  cleanUp,
  launchEnvironment,
  locate,
  runOptions,
  type Begun,
  type ProbeOptions,
} from './launch.js'
import { resolveGo } from './resolve.js'
import { startupErrors, stderrText } from './stderr.js'
import { withoutTrace } from './trace.js'
import type { Launch, ProbeResult, ShellAdapter } from './types.js'

export type { ProbeOptions } from './launch.js'

/** Launches one shell the way the runner (or a terminal) would, and parses what it saw. */
export async function probeShell(adapter: ShellAdapter, o: ProbeOptions): Promise<ProbeResult> {
  if (o.envLater) {
    if (adapter.handsOver?.(o.launch)) return probeEarly(adapter, o, o.envLater)
    return probeShell(adapter, { ...o, env: await o.envLater, envLater: undefined })
  }
  const executable = locate(adapter, o.env, o)
  if (!executable) return missing(adapter, o)
  const p = await begin(adapter, o, executable)
  try {
    return readRun(
      adapter,
      o,
      p,
      await runProcess(p.started.file, p.started.args, runOptions(p, o)),
    )
  } finally {
    await cleanUp(p)
  }
}

/**
 * A shell started before its environment is known (pwsh while the login session runs): it
 * waits for the hand-over (env-handoff.ts); when what differs is read only as the shell
 * starts, or the new PATH finds another shell, it is ended and started again in the right
 * environment. Ended too when the environment never comes (the session failed).
 */
async function probeEarly(
  adapter: ShellAdapter,
  o: ProbeOptions,
  envLater: Promise<NodeJS.ProcessEnv>,
): Promise<ProbeResult> {
  const executable = locate(adapter, o.env, o)
  const again = async () => probeShell(adapter, { ...o, env: await envLater, envLater: undefined })
  if (!executable) return again()
  const p = await begin(adapter, o, executable, true)
  const stop = new AbortController()
  const began = performance.now()
  // its own timeout counts from the hand-over (below): a slow session is not its time
  const running = runProcess(p.started.file, p.started.args, {
    ...runOptions(p, o),
    timeoutMs: 2 * o.timeoutMs,
    signal: stop.signal,
  })
  let ended = false
  void running.then(() => (ended = true))
  let answer: ProbeResult | undefined
  try {
    const env = await envLater
    const now = launchEnvironment(adapter, p.marker, p.launch, env, o.platform)
    const h =
      locate(adapter, env, o) === executable
        ? handoff(p.env, now)
        : { refused: 'the new PATH finds another shell' }
    // a session that took the whole timeout leaves the early start too little of its own;
    // one that ended before the hand-over ended in the start environment, not the terminal's
    if (!('refused' in h) && !ended && performance.now() - began < o.timeoutMs) {
      const r = await handOver(p, h.text, running, stop, o.timeoutMs)
      answer = { ...readRun(adapter, { ...o, env }, { ...p, env: now }, r), startedEarly: true }
    }
  } finally {
    stop.abort()
    await running
    await cleanUp(p)
  }
  return answer ?? again()
}

/** The environment handed over (its file in place at once), and the answer within the timeout from then. */
async function handOver(
  p: Begun,
  text: string,
  running: Promise<RunResult>,
  stop: AbortController,
  timeoutMs: number,
): Promise<RunResult> {
  let late = false
  const timer = setTimeout(() => {
    late = true
    stop.abort()
  }, timeoutMs)
  try {
    await writeFile(`${p.envFile}.tmp`, text, { mode: 0o600 })
    await rename(`${p.envFile}.tmp`, p.envFile!)
    const ran = await running
    return late ? { ...ran, timedOut: true, error: `timed out after ${timeoutMs} ms` } : ran
  } finally {
    clearTimeout(timer)
  }
}

const missing = (adapter: ShellAdapter, o: ProbeOptions): ProbeResult => ({
  ...notRun(adapter, o.launch),
  status: 'missing',
  detail: `${adapter.command} is not on PATH`,
  durationMs: 0,
})

/** What the run printed, read as the probe's answer and judged by how the run ended. */
function readRun(adapter: ShellAdapter, o: ProbeOptions, p: Begun, ran: RunResult): ProbeResult {
  const r = p.pty ? answerFromFiles(ran, p.pty, p.maxBytes) : ran
  const result = readProbe(adapter, p.launch, p.marker, r, o)
  return judgeProbe(
    {
      ...result,
      executable: p.executable,
      commandLine: `${p.executable} ${p.args.join(' ')}`,
      ...(o.launch.mode === 'terminal' && !adapter.stdinScript ? { terminal: !!p.pty } : {}),
      ...(adapter.pathStyle === 'msys' ? { started: startedWith(p.env, o.platform) } : {}),
    },
    r,
    p.marker,
  )
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

/** Probes the shells in parallel; each has its own timeout. */
export function probeShells(adapters: ShellAdapter[], o: ProbeOptions): Promise<ProbeResult[]> {
  return Promise.all(adapters.map((a) => probeShell(a, o)))
}
