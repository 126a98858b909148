/**
 * Every exchange of the action with the runner, and nothing else, through `@actions/core`:
 * the inputs, a log whose lines cannot become workflow commands, debug lines for step debug
 * logging, the file commands (GITHUB_ENV, GITHUB_PATH, GITHUB_OUTPUT, GITHUB_STATE),
 * annotations, the summary and the failure. No other file writes to the runner.
 *
 * The toolkit's import (with the HTTP client it brings for OIDC) costs about 50 ms of the main
 * thread, so the run starts it when its first real work is about to start (`loadToolkit`:
 * the version is known, and a download or `go env` follows at once) and the two overlap. What
 * the stages say to the runner before it has loaded waits in order and is said the moment it
 * has; what can fail (the file commands, the summary) awaits it (and starts it, if nothing
 * did), and `finish` awaits it before the run ends.
 */
import { fileURLToPath } from 'node:url'
import type { Log } from '../base/log.js'
import type { Annotation } from './report/annotations.js'

type Core = typeof import('@actions/core')

let loaded: Core | undefined
const waiting: Array<(c: Core) => void> = []

let loading: Promise<Core> | undefined

/** Starts loading the toolkit (once); everything said before it is said then, in order. */
export function loadToolkit(): Promise<Core> {
  loading ??= import('@actions/core').then((c) => {
    loaded = c
    for (const say of waiting.splice(0)) say(c)
    return c
  })
  return loading
}

/** Says something to the runner now, or, in order, as soon as the toolkit has loaded. */
function say(f: (c: Core) => void): void {
  if (loaded && waiting.length === 0) f(loaded)
  else waiting.push(f)
}

/**
 * One raw input by its action.yml name ('' when absent), by `core.getInput`'s own rule (the
 * variable `INPUT_<NAME>`, spaces as `_`, trimmed). The inputs are the first thing a run
 * reads, before the toolkit has loaded; a test holds the rule to `core.getInput`.
 */
export const readInput = (name: string): string =>
  (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()

/** The token is masked in every later log line. */
export const maskSecret = (value: string) => say((c) => c.setSecret(value))

/**
 * A log line that cannot start a workflow command. The runner executes any stdout line
 * that starts (after spaces) with `::` or `##[`, and values from outside (go env output,
 * paths, URLs, server messages) may hold line ends: `core.info` writes its text as it is,
 * so the text is escaped as the toolkit escapes command data (`%` `\r` `\n` as `%25` `%0D`
 * `%0A`: the toolkit does not export its escaping), and a line that would still start like
 * a command gets a prefix.
 */
export function logSafe(message: string): string {
  const line = message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  return /^\s*(::|##\[)/.test(line) ? `go-path-arbiter: ${line}` : line
}

export const actionLog: Log & { debug(message: string): void } = {
  info: (m) => say((c) => c.info(logSafe(m))),
  warning: (m) => say((c) => c.warning(m)),
  /** shown with step debug logging (ACTIONS_STEP_DEBUG): what was decided, and why */
  debug: (m) => say((c) => c.debug(m)),
  group: async (name, fn) => {
    say((c) => c.startGroup(name))
    try {
      return await fn()
    } finally {
      say((c) => c.endGroup())
    }
  },
}

/**
 * Registers the Go problem matcher (matchers/go.json, beside dist/ in the action): `go
 * build`, `go vet` and `go test` errors of later steps become annotations on file and line.
 * The toolkit has no call for it; the line is written in the log's order.
 */
export function registerMatcher(): string {
  // dist/index.js -> <action>/matchers/go.json; spelled so that the bundler leaves it a path
  const where = ['..', 'matchers', 'go.json'].join('/')
  const file = fileURLToPath(new URL(where, import.meta.url))
  say(() => process.stdout.write(`::add-matcher::${file}\n`))
  return file
}

/**
 * Variables to GITHUB_ENV, PATH entries to GITHUB_PATH (each also into this process, as the
 * toolkit does), added last-first so that the first entry ends up first for later steps.
 */
export async function writeExports(
  vars: Record<string, string>,
  pathEntries: readonly string[],
): Promise<void> {
  const c = await loadToolkit()
  for (const [name, value] of Object.entries(vars)) c.exportVariable(name, value)
  for (const entry of [...pathEntries].reverse()) c.addPath(entry)
}

/** What the main step hands to the post step (GITHUB_STATE), and the post step reads back. */
export const saveState = async (name: string, value: string) =>
  (await loadToolkit()).saveState(name, value)
export const readState = async (name: string) => (await loadToolkit()).getState(name)

export async function writeOutputs(outputs: Record<string, string>): Promise<void> {
  const c = await loadToolkit()
  for (const [name, value] of Object.entries(outputs)) c.setOutput(name, value)
}

/** One annotation per error and warning (with file and line); notices go to the log. */
export function annotate(list: readonly Annotation[]): void {
  for (const a of list) {
    if (a.level === 'notice') actionLog.info(`notice: ${a.text}`)
    else {
      const at = { title: a.title, file: a.file, startLine: a.line }
      say((c) => (a.level === 'error' ? c.error(a.text, at) : c.warning(a.text, at)))
    }
  }
}

/** Appended to GITHUB_STEP_SUMMARY, which must exist and be writable (the runner makes it). */
export async function writeSummary(markdown: string): Promise<void> {
  await (await loadToolkit()).summary.addRaw(markdown).write()
}

/**
 * Fails the step: `core.setFailed` (an error annotation, and exit code 1), then the
 * contract's code, which is 2 or 3 for a toolchain or module failure.
 */
export async function failStep(message: string, code: number): Promise<void> {
  ;(await loadToolkit()).setFailed(message)
  process.exitCode = code
}

/** Everything said before the toolkit loaded has been said (the end of a run). */
export async function flushed(): Promise<void> {
  await loadToolkit()
}
