/**
 * The home folder, by one rule: Go's own (`os.UserHomeDir`), which is the operating system's:
 * %USERPROFILE% on Windows, $HOME elsewhere; '' when it is not set. The GOPATH default, the
 * startup files, `~` in the reports, the journal and --redact all ask here.
 */
type Env = Record<string, string | undefined>

/** A variable as Windows reads it (names case-insensitive), or as POSIX does. */
function read(env: Env, name: string, platform: NodeJS.Platform): string | undefined {
  if (platform !== 'win32') return env[name]
  const key = Object.keys(env)
    .reverse()
    .find((k) => k.toUpperCase() === name)
  return key === undefined ? undefined : env[key]
}

export function homeOf(env: Env, platform: NodeJS.Platform): string {
  return read(env, platform === 'win32' ? 'USERPROFILE' : 'HOME', platform) ?? ''
}

/**
 * The one exception, Git Bash's own fact: MSYS finds `~` (and so ~/.bashrc) in $HOME when
 * it is set, also on Windows, and only otherwise in %USERPROFILE%.
 */
export function gitBashHomeOf(env: Env): string {
  return read(env, 'HOME', 'win32') || homeOf(env, 'win32')
}
