/**
 * Every exchange of the action with the runner, and nothing else: the inputs, a log whose
 * lines cannot become workflow commands, the file commands (GITHUB_ENV, GITHUB_PATH,
 * GITHUB_OUTPUT, GITHUB_STATE), annotations, the summary and the failure. The formats are
 * `@actions/core`'s (`base/workflow-commands.ts`), written without loading it: its import
 * brings the toolkit's HTTP client and undici, about 50 ms of every run's start-up
 * (docs/design.md). No other file writes to the runner.
 */
import { randomUUID } from 'node:crypto'
import { accessSync, appendFileSync, constants, existsSync } from 'node:fs'
import { appendFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { logSafe, type Log } from '../base/log.js'
import {
  annotationLine,
  commandLine,
  fileRecord,
  inputVariable,
} from '../base/workflow-commands.js'
import type { Annotation } from './report/annotations.js'

const say = (line: string) => process.stdout.write(line + os.EOL)

/**
 * A file command's file from its variable (GITHUB_ENV, ...); undefined when the variable is
 * unset (an old runner: the stdout command instead), an error when the file is missing.
 */
function commandFile(variable: string): string | undefined {
  const file = process.env[variable]
  if (!file) return undefined
  if (!existsSync(file)) throw new Error(`${variable} names ${file}, which does not exist`)
  return file
}

/** A name<<delimiter record to the file, or the old stdout command when there is none. */
function keyValue(variable: string, command: string, name: string, value: string): void {
  const file = commandFile(variable)
  if (file) {
    const record = fileRecord(name, value, `ghadelimiter_${randomUUID()}`, os.EOL)
    appendFileSync(file, record, 'utf8')
  } else {
    if (command === 'set-output') process.stdout.write(os.EOL)
    say(commandLine(command, [['name', name]], value))
  }
}

/** One raw input by its action.yml name ('' when absent). */
export const readInput = (name: string) => (process.env[inputVariable(name)] ?? '').trim()

/** The token is masked in every later log line. */
export const maskSecret = (value: string) => say(commandLine('add-mask', [], value))

export const actionLog: Log = {
  info: (m) => say(logSafe(m)),
  // command data is escaped as such: it stays one line
  warning: (m) => say(annotationLine('warning', m)),
  group: async (name, fn) => {
    say(commandLine('group', [], name))
    try {
      return await fn()
    } finally {
      say(commandLine('endgroup', [], ''))
    }
  },
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
  say(`::add-matcher::${file}`)
  return file
}

/**
 * Variables to GITHUB_ENV, PATH entries to GITHUB_PATH, written last-first so that the
 * first entry ends up first for later steps.
 */
export function writeExports(vars: Record<string, string>, pathEntries: readonly string[]): void {
  for (const [name, value] of Object.entries(vars)) {
    process.env[name] = value
    keyValue('GITHUB_ENV', 'set-env', name, value)
  }
  const file = pathEntries.length > 0 ? commandFile('GITHUB_PATH') : undefined
  for (const entry of [...pathEntries].reverse()) {
    if (file) appendFileSync(file, entry + os.EOL, 'utf8')
    else say(commandLine('add-path', [], entry))
    // as the toolkit's addPath: this process's PATH too
    process.env.PATH = `${entry}${path.delimiter}${process.env.PATH}`
  }
}

/** What the main step hands to the post step (GITHUB_STATE), and the post step reads back. */
export const saveState = (name: string, value: string) =>
  keyValue('GITHUB_STATE', 'save-state', name, value)
export const readState = (name: string) => process.env[`STATE_${name}`] ?? ''

export function writeOutputs(outputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(outputs))
    keyValue('GITHUB_OUTPUT', 'set-output', name, value)
}

/** One annotation per error and warning (with file and line); notices go to the log. */
export function annotate(list: readonly Annotation[]): void {
  for (const a of list) {
    if (a.level === 'notice') actionLog.info(`notice: ${a.text}`)
    else say(annotationLine(a.level, a.text, { title: a.title, file: a.file, line: a.line }))
  }
}

/** Appended to GITHUB_STEP_SUMMARY, which must exist and be writable (the runner makes it). */
export async function writeSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) throw new Error('GITHUB_STEP_SUMMARY is not set: this runner has no job summaries')
  try {
    accessSync(file, constants.R_OK | constants.W_OK)
  } catch {
    throw new Error(`the summary file ${file} cannot be written`)
  }
  await appendFile(file, markdown, 'utf8')
}

/**
 * Fails the step: the message as an error annotation (what the toolkit's setFailed writes)
 * and the contract's exit code, where setFailed would always set 1.
 */
export function failStep(message: string, code: number): void {
  say(annotationLine('error', message))
  process.exitCode = code
}
