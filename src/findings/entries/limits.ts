/** Lengths Windows and cmd refuse, and PATH tidiness. */
import { entry } from './entry.js'

export const LIMITS = {
  'path-too-long': entry({
    category: 'config',
    severity: 'error',
    means: "PATH over cmd's 8191-character line limit",
    fix: () => 'Remove unused and repeated PATH entries; cmd truncates or refuses longer lines.',
  }),
  'var-too-long': entry({
    category: 'config',
    severity: 'error',
    means: "PATH or a Go variable over Windows' 32766 characters",
    fix: (p: { name: string }) =>
      p.name.toUpperCase() === 'PATH'
        ? 'Remove unused and repeated PATH entries.'
        : `Shorten ${p.name}.`,
  }),
  'path-near-limit': entry({
    category: 'config',
    severity: 'warning',
    means: "PATH near cmd's limit",
    fix: () => 'Trim PATH before adding more tools.',
  }),
  'path-duplicate': entry({
    category: 'config',
    severity: 'warning',
    means: 'a folder that holds go is on PATH more than once',
    fix: () =>
      'Remove the repeated PATH entries; they make PATH longer and the order harder to reason about.',
  }),
  'go-several': entry({
    category: 'config',
    severity: 'notice',
    means: 'several different Go programs on PATH (only the first runs)',
    fix: () => 'Only the first one runs; the others are harmless until PATH order changes.',
  }),
}
