/**
 * The command line: what a new terminal of each shell gets on this machine, against one
 * reference Go, where each cause came from, and where this terminal differs (terminal/new-terminals.ts).
 */
import os from 'node:os'
import path from 'node:path'
import { isWsl, type ExitCode } from '../base/types.js'
import { VERSION } from '../base/version.js'
import { fixCommands } from './fixes/commands.js'
import { finding, type Finding } from '../findings/catalog.js'
import { InputError } from '../findings/errors.js'
import { verdict } from '../findings/exit-code.js'
import { reportJson } from '../report/json.js'
import { redact } from './redact.js'
import { renderText } from './text.js'
import { findingOf } from '../findings/errors.js'
import { checkNewTerminals, type TerminalRun } from './terminal/new-terminals.js'
import { wslTerminal } from './terminal/wsl-terminal.js'
import {
  applyCommand,
  chooseGo,
  endPrompts,
  planHere,
  runHome,
  terminalAsk,
  terminalChoose,
  undoCommand,
  type ApplyIo,
} from './apply.js'
import { parseCli, USAGE, type CliOptions } from './args.js'
import { folderProblem, workingFolder } from '../files/dirs.js'
import { findDeclared, readDeclared } from '../check/facts.js'

/** Where the CLI writes: the report to stdout, usage errors and progress to stderr. */
export interface CliIo {
  out: (s: string) => void
  err: (s: string) => void
  /** stderr is a terminal: show which shells are still starting */
  progress: boolean
  /** asks yes or no on the terminal (--apply without --yes) */
  ask?: ApplyIo['ask']
  /** asks for a number on the terminal (which Go, when nothing declares it) */
  choose?: ApplyIo['choose']
}

/**
 * A reader that went away (`go-path-arbiter --json | head`) ends the output, not the run
 * with a stack trace: the exit code stays the check's.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  if (stream.listenerCount('error') > 0) return
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err
  })
}

const processIo = (): CliIo => {
  quietOnClosedPipe(process.stdout)
  quietOnClosedPipe(process.stderr)
  return streamIo()
}

const streamIo = (): CliIo => ({
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  progress: !!process.stderr.isTTY,
  ask: terminalAsk(),
  choose: terminalChoose(),
})

/**
 * What the progress line says while shells start: their names; WSL with why it may take a
 * while (its first call in a session starts the WSL VM).
 */
export function progressText(running: readonly string[]): string {
  if (running.length === 0) return ''
  const wsl = running.some(isWsl) ? ' (WSL is starting its VM if it was not running)' : ''
  return `starting: ${running.join(', ')}${wsl}`
}

/** A line on stderr naming the shells still starting (pwsh and WSL take a while). */
function progressLine(io: CliIo) {
  const running = new Set<string>()
  const draw = () => io.err(`\r\x1b[2K${progressText([...running])}`)
  return (shell: string, state: 'started' | 'done') => {
    if (state === 'started') running.add(shell)
    else running.delete(shell)
    draw()
  }
}

function usageError(err: unknown, json: boolean, io: CliIo): ExitCode {
  const message = (err as Error).message
  if (json) io.err(`${JSON.stringify({ tool: 'go-path-arbiter', exitCode: 1, error: message })}\n`)
  else io.err(`go-path-arbiter: ${message}\n\n${USAGE}\n`)
  return 1
}

/** Runs the check from a terminal; resolves to the process exit code. */
export async function cliMain(
  argv: string[],
  io: CliIo = processIo(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<ExitCode> {
  let opts: CliOptions
  let cwd: string
  try {
    const parsed = parseCli(argv)
    if (parsed === 'help' || parsed === 'version') {
      io.out(parsed === 'help' ? `${USAGE}\n` : `go-path-arbiter ${VERSION}\n`)
      return 0
    }
    opts = parsed
    cwd = workingFolder(opts.workingDirectory, '--working-directory')
  } catch (err) {
    return usageError(err, argv.includes('--json'), io)
  }
  const applyIo = { out: io.out, err: io.err, ask: io.ask, choose: io.choose }
  if (opts.undo) return undoCommand(opts, env, applyIo)
  const checked = await checkHere(opts, cwd, env, io)
  if (checked instanceof InputError) return usageError(checked, opts.json, io)
  const { run, findings } = checked
  if (opts.apply && run) {
    try {
      return await applyHere(opts, { run, findings, checked, cwd, env, io, applyIo })
    } finally {
      endPrompts()
    }
  }
  const v = verdict(findings, opts.failOn)
  const fixes = opts.fix && run ? await fixesOf(run, env, opts) : undefined
  const text = opts.json
    ? reportJson({
        code: v.code,
        verdict: v,
        expected: run?.expected,
        findings,
        check: run?.report,
        extra: run && { ...jsonExtra(run), ...(fixes ? { fixes } : {}) },
      })
    : renderText({
        verdict: v,
        run,
        findings,
        fixes,
        verbose: opts.verbose,
        platform: process.platform,
      })
  io.out(opts.redact ? redact(text, env, process.platform) : text)
  return v.processCode
}

/**
 * --apply: when nothing declares the Go, it asks which one first (with --yes it changes
 * nothing); then the changes for that reference.
 */
async function applyHere(
  opts: CliOptions,
  s: {
    run: TerminalRun
    findings: Finding[]
    checked: { run?: TerminalRun; findings: Finding[] }
    cwd: string
    env: NodeJS.ProcessEnv
    io: CliIo
    applyIo: ApplyIo
  },
): Promise<ExitCode> {
  const { run, findings, checked, cwd, env, io, applyIo } = s
  const go = run.undecided ? await chooseGo(run, opts, applyIo) : opts.go
  if (run.undecided && !go) return verdict(findings, opts.failOn).processCode
  const chosen = { ...opts, go }
  const applied = go === opts.go ? checked : await checkHere(chosen, cwd, env, io)
  if (applied instanceof InputError) return usageError(applied, opts.json, io)
  return applyCommand(chosen, env, applyIo, applied.run!, async () => {
    const again = await checkHere(chosen, cwd, env, { ...io, progress: false })
    return again instanceof InputError ? { findings: [] } : again
  })
}

/** The new terminals checked; a check that broke down is a finding, a bad --go a usage error. */
async function checkHere(
  opts: CliOptions,
  cwd: string,
  env: NodeJS.ProcessEnv,
  io: CliIo,
): Promise<{ run?: TerminalRun; findings: Finding[] } | InputError> {
  const tempDir = path.join(os.tmpdir(), 'go-path-arbiter')
  const unusable = await folderProblem(tempDir)
  if (unusable) {
    const name = process.platform === 'win32' ? (env.TEMP ? 'TEMP' : 'TMP') : 'TMPDIR'
    const f = finding(
      'runner-dir-unusable',
      [],
      `${name} ${JSON.stringify(os.tmpdir())} is not a usable folder (${unusable}): the probe scripts are written there`,
      { audience: 'terminal' },
    )
    return { findings: [f] }
  }
  const progress = opts.json || !io.progress ? undefined : progressLine(io)
  try {
    const declaredFile = opts.envFile ? path.resolve(opts.envFile) : findDeclared(cwd)
    const declared = declaredFile
      ? await readDeclared(declaredFile, opts.envFile ? '--go-env-file' : '.go-env')
      : undefined
    const run = await checkNewTerminals({
      platform: process.platform,
      env,
      declared,
      shells: opts.shells,
      go: opts.go,
      timeoutMs: opts.timeoutMs,
      tempDir,
      workingDirectory: cwd,
      checkModules: opts.checkModules,
      onProgress: progress,
      wsl: await wslTerminal({
        platform: process.platform,
        env,
        shells: opts.shells,
      }),
    })
    return { run, findings: run.findings }
  } catch (err) {
    if (err instanceof InputError) return err
    return { findings: [findingOf(err, 'checking the new terminals', 'terminal')] }
  } finally {
    if (progress) io.err('\r\x1b[2K')
  }
}

async function fixesOf(run: TerminalRun, env: NodeJS.ProcessEnv, opts: CliOptions) {
  const plan = await planHere(run, env, false)
  const c = { platform: process.platform, go: opts.go, plan, home: runHome(run) }
  return run.findings.map((f) => fixCommands(run, f, c))
}

/** What the JSON report holds beyond the action's: the reference, the start, the origins. */
function jsonExtra(run: TerminalRun) {
  return {
    undecided: run.undecided ?? null,
    reference: run.undecided
      ? null
      : {
          program: run.reference.program,
          version: run.expected.version,
          how: run.reference.how,
          shell: run.reference.shell,
          entry: run.reference.entry,
        },
    newTerminal: run.start.describe,
    origins: run.origins.map(({ layer: _layer, ...o }) => o),
    thisTerminal: run.thisTerminal,
  }
}
