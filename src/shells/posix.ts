import type { LaunchMode, ShellName } from '../base/types.js'
import type { PathStyle } from '../paths/forms.js'
import { recordMap, viewFromRecords } from './records.js'
import { ENV_NAMES, GO_ENV_NAMES, type ShellAdapter, type ShellView } from './types.js'

/**
 * The probe for POSIX shells (bash, Git Bash, sh, zsh, WSL bash). Reads values only from
 * the environment inside the shell, never from its own text; safe under `set -eu`.
 */
export function posixProbeScript(marker: string): string {
  return `M='${marker}'
rec() { printf '%s:%s\\n' "$M" "$1"; }
rec PATH
printf '%s\\n' "\${PATH-}"
for n in ${ENV_NAMES.join(' ')}; do
  eval "s=\\\${$n+set}"
  if [ "$s" = set ]; then
    rec "ENV:$n"
    eval "printf '%s\\\\n' \\"\\\${$n}\\""
  else
    rec "UNSET:$n"
  fi
done
rest="\${PATH-}:"
while [ -n "$rest" ]; do
  d=\${rest%%:*}
  rest=\${rest#*:}
  if [ -z "$d" ]; then continue; fi
  for t in go gofmt; do
    for x in '' .exe; do
      f="$d/$t$x"
      if [ -f "$f" ] && [ -x "$f" ]; then
        # Cygwin/MSYS (Git Bash): "go" also names go.exe; one program, listed once
        if [ -z "$x" ] && [ -f "$f.exe" ] && [ "$f" -ef "$f.exe" ]; then continue; fi
        rec "HIT:$t"
        printf '%s\\n' "$f"
      fi
    done
  done
done
rec WHICH
command -v go || true
if command -v go >/dev/null 2>&1; then
  rec GOENV
  if go env -json ${GO_ENV_NAMES.join(' ')} 2>&1; then rc=0; else rc=$?; fi
  printf '\\n'
  rec "GOENVEXIT:$rc"
fi
rec END
`
}

/** Parser shared by every POSIX shell. */
export function parsePosix(stdout: string, marker: string): ShellView {
  const rec = recordMap(stdout, marker)
  const hits = { go: [] as string[], gofmt: [] as string[] }
  // HIT records repeat, so read them in order from the raw stream
  const lines = stdout.split(/\r?\n/)
  for (let i = 0; i < lines.length - 1; i++) {
    if (lines[i] === `${marker}:HIT:go`) hits.go.push(lines[i + 1])
    if (lines[i] === `${marker}:HIT:gofmt`) hits.gofmt.push(lines[i + 1])
  }
  return {
    path: rec.get('PATH') ?? '',
    resolved: (rec.get('WHICH') ?? '').trim(),
    hits,
    ...viewFromRecords(rec, ENV_NAMES),
  }
}

function posixShell(
  name: ShellName,
  command: string,
  args: (file: string, mode: LaunchMode) => string[],
  pathStyle: PathStyle,
): ShellAdapter {
  return {
    name,
    command,
    extension: '.sh',
    pathStyle,
    script: posixProbeScript,
    args,
    parse: parsePosix,
  }
}

/**
 * `shell: bash`: `bash --noprofile --norc -e -o pipefail {0}` (Git Bash on Windows). As a
 * terminal starts it: an interactive shell (`~/.bashrc`) on Linux, a login shell on macOS
 * (Terminal.app) and in Git for Windows' mintty (`bash --login -i`: `/etc/profile`,
 * `~/.bash_profile`, which Git's own sources `~/.bashrc`).
 */
export function bashShell(platform: NodeJS.Platform): ShellAdapter {
  return posixShell(
    'bash',
    'bash',
    (f, mode) =>
      mode === 'runner'
        ? ['--noprofile', '--norc', '-e', '-o', 'pipefail', f]
        : mode === 'clean'
          ? ['--noprofile', '--norc', f]
          : platform === 'linux'
            ? ['-i', f]
            : ['--login', '-i', f],
    platform === 'win32' ? 'msys' : 'posix',
  )
}

/** `shell: sh`: `sh -e {0}`; a terminal's sh is interactive (it reads `$ENV`). */
export const shShell: ShellAdapter = posixShell(
  'sh',
  'sh',
  (f, mode) => (mode === 'runner' ? ['-e', f] : mode === 'clean' ? [f] : ['-i', f]),
  'posix',
)

/**
 * `shell: zsh {0}` (a custom shell line; zsh reads ~/.zshenv even then). As a terminal
 * starts it: interactive (`~/.zshrc`) on Linux, login and interactive on macOS
 * (`~/.zprofile`, `~/.zshrc`, `~/.zlogin`).
 */
export function zshShell(platform: NodeJS.Platform): ShellAdapter {
  return posixShell(
    'zsh',
    'zsh',
    (f, mode) =>
      mode === 'runner'
        ? [f]
        : mode === 'clean'
          ? ['-f', f]
          : platform === 'darwin'
            ? ['-l', '-i', f]
            : ['-i', f],
    'posix',
  )
}
