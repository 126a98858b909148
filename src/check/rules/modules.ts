/** go.mod, go.sum and `go mod verify`, reported as Go itself would see them. */
import { finding, type Finding } from '../../findings/catalog.js'
import { compareGo } from '../../go/gover.js'
import type { Rule } from './types.js'

/** `path/go.mod:5: unknown directive: toolchain` as Go prints it: the line number. */
function lineIn(text: string, file: string): number | undefined {
  const base = file
    .split(/[\\/]/)
    .pop()!
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const m = new RegExp(`${base}:(\\d+)`).exec(text)
  return m ? Number(m[1]) : undefined
}

export const modules: Rule = (c) => {
  const m = c.modules
  if (!m) return []
  const out: Finding[] = []
  // a Go before 1.21 has no GOTOOLCHAIN (`go env` prints it empty) and never switches
  const local = c.expected.gotoolchain === '' || c.expected.gotoolchain?.split('+')[0] === 'local'
  const goLine = m.mod.goLine
  const toolchain = m.mod.toolchainLine
  const newerGo = !!goLine && (compareGo(goLine.value, c.expected.version) ?? 0) > 0
  if (!local && newerGo && c.expected.gotoolchain !== null) {
    // the go command switches: it downloads that Go into the module cache on first use
    out.push(
      finding(
        'gomod-newer',
        [],
        `${m.goMod} asks for go ${goLine!.value}, newer than Go ${c.expected.version}; with GOTOOLCHAIN=${c.expected.gotoolchain} the go command downloads and runs a go ${goLine!.value} toolchain instead`,
        { severity: 'notice', file: m.goMod, line: goLine!.line, audience: c.audience },
      ),
    )
  } else if (local && newerGo && goLine) {
    // Go refuses: "go.mod requires go >= X (running go Y; GOTOOLCHAIN=local)"
    out.push(
      finding(
        'gomod-newer',
        [],
        `${m.goMod} asks for go ${goLine.value} but Go ${c.expected.version} is set up and GOTOOLCHAIN=local forbids switching: the go command refuses to build it`,
        { file: m.goMod, line: goLine.line, audience: c.audience },
      ),
    )
  } else if (
    local &&
    toolchain &&
    toolchain.value !== 'default' &&
    (compareGo(toolchain.value, c.expected.version) ?? 0) > 0
  ) {
    // Go builds with the local toolchain; the module's stated toolchain is not the one used
    out.push(
      finding(
        'gomod-newer',
        [],
        `${m.goMod} names toolchain ${toolchain.value}, but Go ${c.expected.version} is set up and GOTOOLCHAIN=local keeps it: builds use the older Go`,
        { severity: 'warning', file: m.goMod, line: toolchain.line, audience: c.audience },
      ),
    )
  }
  const verifyText = m.verify && !m.verify.ok ? (m.verify.detail ?? '') : ''
  const goCannotRead = /errors parsing (go\.mod|go\.work)|go\.(mod|work):\d+:/.test(verifyText)
  if (goCannotRead) {
    out.push(
      finding('gomod-invalid', [], `Go cannot read ${m.goMod}: ${verifyText.slice(0, 500)}`, {
        file: m.goMod,
        line: lineIn(verifyText, m.goMod) ?? 1,
      }),
    )
  } else if (m.mod.problems.length > 0) {
    const p = m.mod.problems[0]
    out.push(
      finding('gomod-invalid', [], `${m.goMod}:${p.line}: ${p.message}`, {
        file: m.goMod,
        line: p.line,
      }),
    )
  }
  if (!m.goSumPresent && m.mod.requires.length > 0) {
    out.push(
      finding(
        'gosum-missing',
        [],
        `${m.goMod} requires ${m.mod.requires.length} module(s) but ${m.goSum} does not exist`,
        { file: m.goMod, line: m.mod.requires[0].line },
      ),
    )
  } else if (m.missingSums.length > 0) {
    out.push(
      finding(
        'gosum-stale',
        [],
        `${m.goSum} has no entry for ${m.missingSums.map((r) => `${r.path} ${r.version}`).join(', ')} required by ${m.goMod}`,
        { file: m.goMod, line: m.missingSums[0].line },
      ),
    )
  }
  if (verifyText && !goCannotRead) {
    const modcache = /checksum mismatch|has been modified|dir has been modified/.test(verifyText)
    out.push(
      finding('mod-verify-failed', [], `go mod verify failed: ${verifyText.slice(0, 500)}`, {
        file: m.goMod,
        line: 1,
        params: { modcache },
      }),
    )
  }
  return out
}
