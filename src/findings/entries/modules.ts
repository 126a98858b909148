/** go.mod, go.sum and `go mod verify`. */
import { entry } from './entry.js'

export const MODULES = {
  'gomod-invalid': entry({
    category: 'module',
    severity: 'error',
    means: 'go.mod (or go.work) has a line Go cannot read; the message names the file and line',
    fix: () =>
      'Fix the line named in the message (`go mod edit` rewrites go.mod in a form Go reads).',
  }),
  'gosum-missing': entry({
    category: 'module',
    severity: 'error',
    means: 'go.sum is missing',
    fix: () => 'Run `go mod tidy` and commit go.sum.',
  }),
  'gosum-stale': entry({
    category: 'module',
    severity: 'error',
    means: 'go.sum lacks what go.mod requires',
    fix: () => 'Run `go mod tidy` and commit go.sum.',
  }),
  'mod-verify-failed': entry({
    category: 'module',
    severity: 'error',
    means: '`go mod verify` fails (the message says what Go said)',
    fix: (p: { modcache: boolean }) =>
      p.modcache
        ? 'A module in the cache was changed or go.sum is wrong: `go clean -modcache`, then `go mod download` and `go mod verify`.'
        : 'Follow what Go said above; run `go mod verify` in that folder to see it whole.',
  }),
}
