/**
 * A shell started the way a terminal starts it: with a pseudo-terminal as its stdin, stdout
 * and (while it starts) stderr, so that `[ -t 0 ]`, `[ -t 1 ]`, `isatty` and the like in a
 * startup file answer as they do for a person. On Linux and macOS the system's `script`
 * program makes the terminal (util-linux: `script -qec CMD /dev/null`; BSD and macOS:
 * `script -q /dev/null CMD...`). What the terminal shows (banners, prompts, colour) is
 * read and dropped; the probe's answer goes to files of its own: the records to one the
 * probe opens after the start-up, the shell's stderr (its trace and its errors) to another.
 * Windows starts shells with pipes, as before (a console is not made here).
 */
import { fishQuote, psQuote, shQuote } from '../base/text.js'

/** The files a shell in a terminal writes its answer to, beside its probe script. */
export interface PtyFiles {
  /** the probe's records (what it prints on stdout without a terminal) */
  records: string
  /** the shell's stderr from its first command on: the trace and any error */
  stderr: string
}

export const ptyFiles = (scriptFile: string): PtyFiles => ({
  records: `${scriptFile}.out`,
  stderr: `${scriptFile}.err`,
})

/** Whether a terminal's shell is started with a pseudo-terminal on this platform. */
export const ptyPlatform = (platform: NodeJS.Platform) =>
  platform === 'linux' || platform === 'darwin'

/**
 * The command line that runs `shell args...` under `script`. `script` runs its command
 * through `$SHELL -c`, so it is given SHELL=/bin/sh and the command puts the shell's own
 * SHELL back (or removes it) before it starts the shell: the probed shell sees the
 * environment it was given, unchanged. Every word is single-quoted.
 */
export function ptyLaunch(
  scriptProgram: string,
  shell: string,
  args: readonly string[],
  files: PtyFiles,
  shellVar: string | undefined,
  platform: NodeJS.Platform,
): { file: string; args: string[]; env: Record<string, string> } {
  const restore =
    shellVar === undefined ? 'unset SHELL' : `SHELL=${shQuote(shellVar)}; export SHELL`
  const command = [
    `exec 2>${shQuote(files.stderr)}`,
    restore,
    `exec ${[shell, ...args].map(shQuote).join(' ')}`,
  ].join('; ')
  return {
    file: scriptProgram,
    args:
      platform === 'linux'
        ? ['-q', '-e', '-c', command, '/dev/null']
        : ['-q', '/dev/null', '/bin/sh', '-c', command],
    env: { SHELL: '/bin/sh' },
  }
}

/**
 * The line a probe's script runs after the start-up and before its records: stdout from
 * there on is the records file (the terminal keeps what the start-up showed).
 */
export function recordsRedirect(family: 'posix' | 'fish' | 'pwsh', file: string): string {
  switch (family) {
    case 'posix':
      return `exec >${shQuote(file)}\n`
    case 'fish':
      // fish has no `exec >file`: the probe runs in a block whose output goes there
      return `begin\n`
    case 'pwsh':
      // opened first, for the start-up's own records; Console.Out (where Write-Host and a
      // profile's output go) becomes the file only when the probe starts (pwshRecordsStart)
      return (
        `$global:__gpaOut = [System.IO.StreamWriter]::new(${psQuote(file)}, $false, ` +
        `[System.Text.UTF8Encoding]::new($false))\n$global:__gpaOut.AutoFlush = $true\n`
      )
  }
}

/**
 * pwsh in a terminal: from here on, what the probe prints goes to the records file (the
 * terminal's writer is kept, for the line that says the answer is complete).
 */
export const pwshRecordsStart =
  '$global:__gpaTerm = [Console]::Out\n[Console]::SetOut($global:__gpaOut)\n'

/**
 * What a shell in a terminal shows last, once its records are written and flushed: the
 * probe has its whole answer then, and ends the shell instead of waiting for its own exit
 * (pwsh's takes about a tenth of a second). Printed on the terminal, never in the records.
 */
export const answeredText = (marker: string) => `${marker}:ANSWERED`

export function answeredLine(family: 'posix' | 'fish' | 'pwsh', marker: string): string {
  const text = answeredText(marker)
  switch (family) {
    case 'posix':
      return `printf '%s\\n' '${text}' >/dev/tty 2>/dev/null || :\n`
    case 'fish':
      return `echo '${text}'\n`
    case 'pwsh':
      return `$global:__gpaTerm.WriteLine('${text}')\n$global:__gpaTerm.Flush()\n`
  }
}

/** What closes the fish block recordsRedirect opened. */
export const fishRecordsEnd = (file: string) => `end >${fishQuote(file)}\n`
