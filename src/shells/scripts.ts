/**
 * The probe and start-up scripts, kept as real files beside this module (scripts/) so that
 * shellcheck, fish and PowerShell's own parser check them, and read the first time a shell
 * needs one. Each `new URL` is written out in full: the bundler copies the file it names
 * into dist/ and points the URL there. The only text put into a script is the run's random
 * marker (hex digits) and the fixed lists of Go's names.
 */
import { loadScript, withMarker } from '../files/assets.js'
import { ENV_NAMES, GO_ENV_NAMES } from './types.js'

const FILES = {
  'posix-probe.sh': () => new URL('./scripts/posix-probe.sh', import.meta.url),
  'bash-start.sh': () => new URL('./scripts/bash-start.sh', import.meta.url),
  'sh-start.sh': () => new URL('./scripts/sh-start.sh', import.meta.url),
  'fish-probe.fish': () => new URL('./scripts/fish-probe.fish', import.meta.url),
  'fish-start.fish': () => new URL('./scripts/fish-start.fish', import.meta.url),
  'pwsh-probe.ps1': () => new URL('./scripts/pwsh-probe.ps1', import.meta.url),
  'pwsh-start.ps1': () => new URL('./scripts/pwsh-start.ps1', import.meta.url),
  'pwsh-env.ps1': () => new URL('./scripts/pwsh-env.ps1', import.meta.url),
  'cmd-probe.cmd': () => new URL('./scripts/cmd-probe.cmd', import.meta.url),
} as const

export type ScriptName = keyof typeof FILES

/**
 * The script's text with this run's marker in it (LF line ends, as stored), and the fixed
 * lists of names: what `go env` is asked for, and the variables a probe reads and a trace
 * follows (a shell word list, or a PowerShell array's items).
 */
export function scriptText(name: ScriptName, marker: string): string {
  return withMarker(loadScript(FILES[name]()), marker)
    .replace(/__GPA_GO_ENV_NAMES__/g, GO_ENV_NAMES.join(' '))
    .replace(/__GPA_GO_VARS_PS__/g, ENV_NAMES.map((n) => `'${n}'`).join(', '))
    .replace(/__GPA_GO_VARS__/g, ENV_NAMES.join(' '))
}

/** Several scripts as one file, in order. */
export function joinScripts(names: readonly ScriptName[], marker: string): string {
  return names.map((n) => scriptText(n, marker).replace(/\n*$/, '\n')).join('')
}
