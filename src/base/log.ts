import { escapeData } from './workflow-commands.js'

/**
 * Logging that cannot be turned into a workflow command. The runner executes any stdout
 * line that starts (after leading spaces) with `::` or `##[`; values from outside (go env
 * output, paths, URLs, server messages) may hold newlines. A message is escaped the way the
 * toolkit escapes command data (`%` `\r` `\n` as `%25` `%0D` `%0A`), so it stays one line,
 * and a line that would still start like a command gets a prefix.
 */
export function logSafe(message: string): string {
  const line = escapeData(message)
  return /^\s*(::|##\[)/.test(line) ? `go-path-arbiter: ${line}` : line
}

/** Where the stages report progress; the action's adapter escapes every line. */
export interface Log {
  info(message: string): void
  warning(message: string): void
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
}

/** A log that drops everything (the CLI, tests). */
export const silentLog: Log = {
  info: () => {},
  warning: () => {},
  group: (_name, fn) => fn(),
}
