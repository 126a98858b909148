/**
 * What the go command does with go.mod's `go` line, by the version of the local Go (pure),
 * after Go's toolchain documentation (go.dev/doc/toolchain) and its issues:
 * - before Go 1.21 the go line is advisory: a newer one is built anyway (a compile error then
 *   adds "note: module requires Go X"), and GOTOOLCHAIN means nothing;
 * - from Go 1.21 it is a minimum: with GOTOOLCHAIN=local (or a +path that finds none) the go
 *   command refuses ("go.mod requires go >= X"); with switching allowed (auto, a version
 *   +auto) it downloads a go X toolchain and runs that;
 * - the bare form `go 1.N` names a language version, not a release: Go 1.21 then asks for a
 *   toolchain "go1.N", which does not exist, and stops with "toolchain not available"
 *   (golang/go#62278, #65568, #65580, reported with Go 1.21.4 and 1.21.5).
 */
import { compareGo } from './gover.js'

export type GoLineVerdict =
  | { kind: 'met' }
  | { kind: 'advisory' }
  | { kind: 'refuse' }
  | { kind: 'switch'; toolchain: string }
  | { kind: 'unavailable'; toolchain: string }

/** `1.22` (a language version), not `1.22.0` or `1.22rc1` (a release). */
export const isBareLanguage = (v: string) => /^1\.\d+$/.test(v)

/**
 * The verdict for a go line (`1.22`, `1.22.3`) under a local Go (`1.21.5`) and the GOTOOLCHAIN
 * its go env says (empty before 1.21).
 */
export function goLineVerdict(local: string, goLine: string, gotoolchain: string): GoLineVerdict {
  if ((compareGo(goLine, local) ?? 0) <= 0) return { kind: 'met' }
  if ((compareGo(local, '1.21') ?? 0) < 0) return { kind: 'advisory' }
  const fixed = /^go(\d[^+]*)$/.exec(gotoolchain)
  // GOTOOLCHAIN=go1.23.0: that toolchain, whatever the go line says, and it holds the line to it
  if (fixed) return (compareGo(goLine, fixed[1]) ?? 0) <= 0 ? { kind: 'met' } : { kind: 'refuse' }
  const mode = gotoolchain.includes('+') ? gotoolchain.split('+')[1] : gotoolchain
  if (mode === 'unknown') return { kind: 'met' }
  if (mode === '' || mode === 'local' || mode === 'path') return { kind: 'refuse' }
  const toolchain = `go${goLine}`
  const oneTwentyOne = (compareGo(local, '1.22') ?? 0) < 0
  if (isBareLanguage(goLine) && (compareGo(goLine, '1.21') ?? -1) >= 0 && oneTwentyOne)
    return { kind: 'unavailable', toolchain }
  return { kind: 'switch', toolchain: isBareLanguage(goLine) ? `${toolchain}.0` : toolchain }
}
