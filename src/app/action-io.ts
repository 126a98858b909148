/**
 * Every @actions/core call of the action, and nothing else: the inputs, a log whose lines
 * cannot become workflow commands, the file commands (GITHUB_ENV, GITHUB_PATH,
 * GITHUB_OUTPUT), annotations, the summary and the failure. No other file imports the toolkit's core.
 */
import * as core from '@actions/core'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { logSafe, type Log } from '../base/log.js'
import type { Annotation } from '../report/annotations.js'

/** One raw input by its action.yml name ('' when absent). */
export const readInput = (name: string) => core.getInput(name)

/** The token is masked in every later log line. */
export const maskSecret = (value: string) => core.setSecret(value)

export const actionLog: Log = {
  info: (m) => core.info(logSafe(m)),
  // the toolkit escapes annotation data itself
  warning: (m) => core.warning(m),
  group: (name, fn) => core.group(logSafe(name), fn),
}

/**
 * Registers the Go problem matcher (matchers/go.json, beside dist/ in the action): `go
 * build`, `go vet` and `go test` errors of later steps become annotations on file and line.
 * Written directly: the toolkit has no call for it, and the path is the action's own.
 */
export function registerMatcher(): string {
  // dist/index.js -> <action>/matchers/go.json; spelled so that the bundler leaves it a path
  const where = ['..', 'matchers', 'go.json'].join('/')
  const file = fileURLToPath(new URL(where, import.meta.url))
  process.stdout.write(`::add-matcher::${file}${os.EOL}`)
  return file
}

/**
 * Variables to GITHUB_ENV, PATH entries to GITHUB_PATH, written last-first so that the
 * first entry ends up first for later steps.
 */
export function writeExports(vars: Record<string, string>, pathEntries: readonly string[]): void {
  for (const [name, value] of Object.entries(vars)) core.exportVariable(name, value)
  for (const entry of [...pathEntries].reverse()) core.addPath(entry)
}

/** What the main step hands to the post step (GITHUB_STATE), and the post step reads back. */
export const saveState = (name: string, value: string) => core.saveState(name, value)
export const readState = (name: string) => core.getState(name)

export function writeOutputs(outputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
}

/** One annotation per error and warning (with file and line); notices go to the log. */
export function annotate(list: readonly Annotation[]): void {
  for (const a of list) {
    const props: core.AnnotationProperties = { title: a.title }
    if (a.file) props.file = a.file
    if (a.line) props.startLine = a.line
    if (a.level === 'error') core.error(a.text, props)
    else if (a.level === 'warning') core.warning(a.text, props)
    else actionLog.info(`notice: ${a.text}`)
  }
}

export async function writeSummary(markdown: string): Promise<void> {
  await core.summary.addRaw(markdown).write()
}

/** Fails the step: the message, and the contract's exit code (setFailed alone means 1). */
export function failStep(message: string, code: number): void {
  core.setFailed(message)
  process.exitCode = code
}
