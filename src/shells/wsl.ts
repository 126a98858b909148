import type { WslShell } from '../base/types.js'
import { windowsToWsl } from '../paths/forms.js'
import { parsePosix, posixProbeScript } from './posix.js'
import { joinScripts } from './scripts.js'
import type { ShellAdapter } from './types.js'

/** `wsl.exe` arguments that pick the distribution and the user. */
export function distroArgs(distro: string, user = ''): string[] {
  return [...(distro ? ['--distribution', distro] : []), ...(user ? ['--user', user] : [])]
}

/**
 * `shell: wsl-bash {0}` from Vampire/setup-wsl: `wsl [--distribution X] [-u user] bash
 * --noprofile --norc -euo pipefail <script>`. Non-login and nounset; only BASH_ENV
 * (through WSLENV) can change what it sees. The script is written on Windows and named by
 * its Linux path under the distribution's mount root.
 */
export function wslShell(distro: string, mountRoot: string, user = ''): ShellAdapter {
  return {
    name: 'wsl',
    command: 'wsl',
    extension: '.sh',
    pathStyle: 'wsl',
    traces: () => false,
    script: posixProbeScript,
    // a step's launch; a new WSL terminal is wslTerminalShell's
    args: (file: string) => [
      ...distroArgs(distro, user),
      'bash',
      '--noprofile',
      '--norc',
      '-euo',
      'pipefail',
      windowsToWsl(file, mountRoot),
    ],
    parse: (out, marker) => parsePosix(out, marker, false),
    launchEnv: () => ({ WSL_UTF8: '1' }),
    decode: 'auto',
  }
}

/**
 * What runs inside the distribution for a new WSL terminal's probe: the script arrives on
 * stdin (nothing is written through `\\wsl$`, and no drive mount is needed), goes to a
 * temporary file there, and runs as the login shell a new WSL terminal starts: bash as a
 * login and interactive shell, its start-up traced by the same script as on Linux
 * (scripts/bash-start.sh). Another login shell (zsh, fish) starts as a login shell and runs
 * the probe in a bash it starts, so the view is that shell's environment, without a trace.
 */
export const WSL_TERMINAL_LAUNCHER = [
  'f=$(mktemp) || exit 125',
  'cat >"$f"',
  's=${SHELL:-}',
  '[ -n "$s" ] || s=$(getent passwd "$(id -un)" 2>/dev/null | cut -d: -f7)',
  'case "${s##*/}" in',
  '  bash | "") bash --login --noprofile -i "$f" </dev/null ;;',
  `  *) "$s" -l -i -c "exec bash --noprofile --norc '$f'" </dev/null ;;`,
  'esac',
  'rc=$?',
  'rm -f "$f"',
  'exit $rc',
].join('\n')

/**
 * A new terminal of a WSL distribution, as Windows Terminal starts one (`wsl.exe -d NAME`):
 * the distribution user's login shell, with the Windows PATH appended and the variables
 * WSLENV names, as WSL carries them in. `-e sh -c` runs the launcher without a shell of the
 * user's in between.
 */
export function wslTerminalShell(distro: string, name: WslShell = 'wsl'): ShellAdapter {
  return {
    name,
    command: 'wsl',
    extension: '.sh',
    pathStyle: 'wsl',
    traces: () => true,
    stdinScript: true,
    script: (m) => joinScripts(['bash-start.sh', 'posix-probe.sh'], m),
    args: () => [...distroArgs(distro), '--exec', 'sh', '-c', WSL_TERMINAL_LAUNCHER],
    parse: (out, marker) => parsePosix(out, marker, true),
    launchEnv: () => ({ WSL_UTF8: '1' }),
    decode: 'auto',
  }
}
