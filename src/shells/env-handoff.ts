/**
 * A shell started before its environment is known (pwsh, whose .NET start is the slowest
 * part of a check, starts while the login session still runs), and the environment handed
 * over once it is (pure): what changes from the environment it was started in to the one a
 * new terminal gets, as lines the shell reads before anything else runs. A shell reads some
 * variables only as it starts (.NET's, PowerShell's own, the home and config folders, the
 * locale, the terminal); when one of those differs, no hand-over can make the start the
 * same, and the shell is started again in the right environment.
 */

/** Read while the shell starts (the runtime, its module and profile paths, the locale, the terminal). */
const AT_START =
  /^(DOTNET_|COMPlus_|CORECLR_|POWERSHELL_|PSModule|PSExecution|PSHOME$|HOME$|XDG_|LANG$|LANGUAGE$|LC_|TERM|COLORTERM$|NO_COLOR$|TMPDIR$|SHELL$|LD_|SSL_)/i

/** A name that a line cannot carry, or whose value the start has already read. */
function unsafe(name: string): boolean {
  return AT_START.test(name) || /[\r\n=]/.test(name) || name === ''
}

export type Handoff = { text: string } | { refused: string }

/**
 * The lines that turn `from` into `to`: `+NAME=` and the value in base64, `-NAME=` for one
 * that goes, and `~PATH=` and the PATH the shell was started with (pwsh puts its own folder
 * in front of it at start, and does so again for the new PATH).
 */
export function handoff(from: NodeJS.ProcessEnv, to: NodeJS.ProcessEnv): Handoff {
  const lines: string[] = []
  const b64 = (v: string) => Buffer.from(v, 'utf8').toString('base64')
  for (const [name, value] of Object.entries(to)) {
    if (value === undefined || from[name] === value) continue
    if (unsafe(name)) return { refused: `${name} differs, and the shell reads it as it starts` }
    lines.push(`+${name}=${b64(value)}`)
  }
  for (const name of Object.keys(from)) {
    if (from[name] === undefined || to[name] !== undefined) continue
    if (unsafe(name)) return { refused: `${name} is not set, and the shell reads it as it starts` }
    lines.push(`-${name}=`)
  }
  lines.push(`~PATH=${b64(from.PATH ?? '')}`)
  return { text: `${lines.join('\n')}\n` }
}
