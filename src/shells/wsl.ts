import { windowsToWsl } from '../paths/forms.js'
import { parsePosix, posixProbeScript } from './posix.js'
import type { Launch, ShellAdapter } from './types.js'

/** `wsl.exe` arguments that pick the distribution and the user. */
export function distroArgs(distro: string, user = ''): string[] {
  return [...(distro ? ['--distribution', distro] : []), ...(user ? ['--user', user] : [])]
}

/**
 * `shell: wsl-bash {0}` from Vampire/setup-wsl: `wsl [--distribution X] [-u user] bash
 * --noprofile --norc -euo pipefail <script>`. Non-login and nounset; only BASH_ENV
 * (through WSLENV) can change what it sees. The script is written on Windows and named by
 * its Linux path under the distribution's mount root. A terminal (`wsl.exe` with no
 * command) starts the user's login shell: here that shell, as a login and interactive
 * shell, runs the probe. That start is not traced (WSL runs only on Windows): an entry it
 * adds has no known origin.
 */
export function wslShell(distro: string, mountRoot: string, user = ''): ShellAdapter {
  return {
    name: 'wsl',
    command: 'wsl',
    extension: '.sh',
    pathStyle: 'wsl',
    traces: () => false,
    script: posixProbeScript,
    args: (file: string, launch: Launch) => {
      const linux = windowsToWsl(file, mountRoot)
      return launch.mode === 'runner'
        ? [...distroArgs(distro, user), 'bash', '--noprofile', '--norc', '-euo', 'pipefail', linux]
        : [
            ...distroArgs(distro, user),
            '--exec',
            'sh',
            '-c',
            'exec "${SHELL:-/bin/sh}" -l -i "$0"',
            linux,
          ]
    },
    parse: (out, marker) => parsePosix(out, marker, false),
    launchEnv: () => ({ WSL_UTF8: '1' }),
    decode: 'auto',
  }
}
