/**
 * PATH entries that installers add for their own programs (pure): winget's Links folder
 * (portable installs), Scoop's shims, and go-path-arbiter's own install folder
 * (install.ps1 -Install). A go there is that installer's.
 */
const INSTALLERS: ReadonlyArray<[RegExp, string]> = [
  [/[\\/]Microsoft[\\/]WinGet[\\/]Links[\\/]?$/i, "winget's Links (portable installs)"],
  [/[\\/]scoop[\\/]shims[\\/]?$/i, "Scoop's shims"],
  [/[\\/]Programs[\\/]go-path-arbiter[\\/]?$/i, "go-path-arbiter's own (install.ps1 -Install)"],
]

/** What installer's folder a PATH entry is, in words; undefined: none of them. */
export function installerOf(entry: string): string | undefined {
  return INSTALLERS.find(([re]) => re.test(entry))?.[1]
}
