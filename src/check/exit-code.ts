import type { Category } from '../inputs.js'
import type { Finding } from './types.js'

export const CODE_OF: Record<Category, 1 | 2 | 3> = { config: 1, toolchain: 2, module: 3 }
export const STATUS_OF: Record<0 | 1 | 2 | 3, 'ok' | 'config' | 'toolchain' | 'module'> = {
  0: 'ok',
  1: 'config',
  2: 'toolchain',
  3: 'module',
}
export const MEANING: Record<0 | 1 | 2 | 3, string> = {
  0: 'consistent',
  1: 'environment configuration',
  2: 'toolchain anomaly',
  3: 'module inconsistency',
}

/** 0 when no finding is an error, else the lowest category among the errors. */
export function exitCode(findings: readonly Finding[]): 0 | 1 | 2 | 3 {
  const codes = findings.filter((f) => f.severity === 'error').map((f) => CODE_OF[f.category])
  return codes.length === 0 ? 0 : (Math.min(...codes) as 1 | 2 | 3)
}

/** Whether the job fails: some error finding belongs to a category named in fail-on. */
export function shouldFail(findings: readonly Finding[], failOn: readonly Category[]): boolean {
  return findings.some((f) => f.severity === 'error' && failOn.includes(f.category))
}
