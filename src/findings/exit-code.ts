import { listOf } from '../base/text.js'
import { CATEGORIES, type Category, type ExitCode, type Status } from '../base/types.js'
import type { Finding } from './catalog.js'
import { InputError } from './errors.js'

export const CODE_OF: Record<Category, 1 | 2 | 3> = { config: 1, toolchain: 2, module: 3 }
export const STATUS_OF: Record<ExitCode, Status> = {
  0: 'ok',
  1: 'config',
  2: 'toolchain',
  3: 'module',
}
export const MEANING: Record<ExitCode, string> = {
  0: 'consistent',
  1: 'environment configuration',
  2: 'toolchain anomaly',
  3: 'module inconsistency',
}

const lowest = (codes: Array<1 | 2 | 3>): ExitCode =>
  codes.length === 0 ? 0 : (Math.min(...codes) as ExitCode)

/** The contract: 0 when no finding is an error, else the lowest category among the errors. */
export function exitCode(findings: readonly Finding[]): ExitCode {
  return lowest(findings.filter((f) => f.severity === 'error').map((f) => CODE_OF[f.category]))
}

/** What `fail-on` makes of the findings: whether the job fails, and with which code. */
export interface Verdict {
  /** the contract's code (the `exit-code` output) */
  code: ExitCode
  /** the categories with an error finding that fail-on names */
  failing: Category[]
  /** the process exit code: 0, or the lowest code among the failing categories */
  processCode: ExitCode
}

export function verdict(findings: readonly Finding[], failOn: readonly Category[]): Verdict {
  const errors = findings.filter((f) => f.severity === 'error')
  const failing = [...new Set(errors.map((f) => f.category))]
    .filter((c) => failOn.includes(c))
    .sort((a, b) => CODE_OF[a] - CODE_OF[b])
  return {
    code: exitCode(findings),
    failing,
    processCode: lowest(failing.map((c) => CODE_OF[c])),
  }
}

/** fail-on (the input and the --fail-on option): any, never, or a list of categories. */
export function parseFailOn(value: string, inputName = 'fail-on'): Category[] {
  const items = listOf(value.toLowerCase())
  if (items.length === 0 || (items.length === 1 && items[0] === 'any')) return [...CATEGORIES]
  if (items.length === 1 && items[0] === 'never') return []
  for (const item of items) {
    if (!CATEGORIES.includes(item as Category)) {
      throw new InputError(
        `${inputName}: ${JSON.stringify(item)} is not one of any, never, or a list of ${CATEGORIES.join(', ')}`,
      )
    }
  }
  return items as Category[]
}
