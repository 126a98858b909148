/** Set-up: the run ends before (or instead of) the check. */
import { entry } from './entry.js'

export const SET_UP = {
  'input-invalid': entry({
    category: 'config',
    severity: 'error',
    means:
      'an input (or CLI option) has a value the action cannot use; the message names it and the value',
    fix: (_p, audience) =>
      audience === 'terminal'
        ? 'Correct the option named in the message.'
        : 'Correct the input named in the message.',
  }),
  'version-file-unreadable': entry({
    category: 'config',
    severity: 'error',
    means: '`go-version-file` cannot be read or names no Go version',
    fix: () =>
      'Check the go-version-file path (relative to the working directory of the job) and its content.',
  }),
  'version-not-found': entry({
    category: 'config',
    severity: 'error',
    means: 'no release in the release index (or mirror) matches the version asked for',
    fix: () =>
      'Ask for a version the index lists (the message names the newest stable one), or fix the mirror.',
  }),
  'go-not-found': entry({
    category: 'config',
    severity: 'error',
    means:
      "`install: false` and no Go on PATH or in the tool cache satisfies the version (on a developer's machine: no new terminal finds a go)",
    fix: (_p, audience) =>
      audience === 'terminal'
        ? 'Install Go, and put its bin folder on PATH where your shell reads it (a startup file, or the user PATH on Windows).'
        : 'Set install: true, or set up that Go in an earlier step.',
  }),
  'go-unusable': entry({
    category: 'toolchain',
    severity: 'error',
    means:
      'the Go found or installed does not run or is not a complete tree (its compiler another version than its go: unpacked over another Go)',
    fix: (p: { overlay?: string }) =>
      p.overlay
        ? `Remove ${p.overlay} and unpack the archive afresh: unpacking over an older tree leaves its files behind.`
        : 'Remove or reinstall that Go; the message names it and what it printed.',
  }),
  'download-failed': entry({
    category: 'toolchain',
    severity: 'error',
    means:
      'the release index or the archive could not be downloaded (HTTP error, timeout, larger than announced)',
    fix: () =>
      'Retry the job; with a mirror (go-download-base-url), check that it serves the index and the archive.',
  }),
  'index-invalid': entry({
    category: 'toolchain',
    severity: 'error',
    means:
      'the release index is not usable: not JSON, too large, or an entry with an unsafe file name or checksum',
    fix: () =>
      'Check the mirror named in the message: it must serve the go.dev/dl JSON index unchanged.',
  }),
  'checksum-mismatch': entry({
    category: 'toolchain',
    severity: 'error',
    means: "the downloaded archive's sha256 is not the one the index lists; nothing was installed",
    fix: () => 'Retry the job; if it persists, the mirror serves a damaged or altered archive.',
  }),
  'extract-failed': entry({
    category: 'toolchain',
    severity: 'error',
    means: 'the verified archive could not be unpacked, or holds no go/bin/go',
    fix: () => 'Retry the job; check free disk space in RUNNER_TOOL_CACHE.',
  }),
  'tool-cache-busy': entry({
    category: 'toolchain',
    severity: 'error',
    means:
      'another run has been installing the same Go into the tool cache for longer than this run waits',
    fix: () =>
      'Retry the job; when no other run is installing, remove the stale lock file the message names (it is taken over after 10 minutes).',
  }),
  'cache-failed': entry({
    category: 'config',
    severity: 'warning',
    means:
      'a module or build cache could not be restored or saved (the cache service, a denied save, an unreadable archive, a dependency path that matches nothing); the job goes on without it',
    fix: (p: { what: string }) =>
      p.what === 'dependency-path'
        ? 'Point cache-dependency-path at the go.sum (or go.mod) files of the modules the job builds, relative to working-directory.'
        : 'Nothing to do for this run; if it repeats, set cache: false and tell us what the message says.',
  }),
  'runner-dir-unusable': entry({
    category: 'config',
    severity: 'error',
    means:
      'RUNNER_TEMP or RUNNER_TOOL_CACHE (or, for the CLI, the temporary folder TMPDIR, TEMP or TMP names) is not a folder that can be written',
    fix: (_p, audience) =>
      audience === 'terminal'
        ? 'Point the variable named in the message at a folder you can write (or unset it), or free disk space.'
        : 'Make the folder named in the message writable for the runner user, or free disk space.',
  }),
  'gopath-unusable': entry({
    category: 'config',
    severity: 'error',
    means: 'the GOPATH to export is relative, holds control characters, or cannot be created',
    fix: (_p, audience) =>
      audience === 'terminal'
        ? 'Set GOPATH to an absolute path that can be created, or fix the go env file named in the message.'
        : 'Set the gopath input to an absolute path on a drive that exists, or fix the go env file named in the message.',
  }),
  'check-error': entry({
    category: 'config',
    severity: 'error',
    means:
      'a part of the check failed on input it could not read; the message names what it was reading',
    fix: (p: { unexpected?: boolean }) =>
      p.unexpected
        ? 'Please report this with the log; the message names what failed.'
        : 'Fix the file or value named in the message; please report it if it looks valid.',
  }),
}
