import { windowsToWsl } from '../env/paths.js'
import { decodeWslOutput } from '../wsl/plan.js'
import { distroArgs } from '../wsl/wsl.js'
import { parsePosix, posixProbeScript } from './posix.js'
import type { ShellAdapter } from './types.js'

/**
 * `shell: wsl-bash {0}` from Vampire/setup-wsl: `wsl [--distribution X] bash --noprofile
 * --norc -euo pipefail <script>`. Non-login and nounset; only BASH_ENV (through WSLENV)
 * can change what it sees. The script is written on Windows and named by its Linux path.
 */
export function wslShell(distro: string, mountRoot: string): ShellAdapter {
  return {
    name: 'wsl',
    command: 'wsl',
    extension: '.sh',
    pathStyle: 'wsl',
    script: posixProbeScript,
    args: (file) => [
      ...distroArgs(distro),
      'bash',
      '--noprofile',
      '--norc',
      '-euo',
      'pipefail',
      windowsToWsl(file, mountRoot),
    ],
    parse: parsePosix,
    launchEnv: { WSL_UTF8: '1' },
    decode: decodeWslOutput,
  }
}
