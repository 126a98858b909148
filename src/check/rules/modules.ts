/** go.mod, go.sum and `go mod verify`, reported as Go itself would see them. */
import { finding, type Finding } from '../../findings/catalog.js'
import { goLineVerdict } from '../../go/go-line.js'
import { compareGo } from '../../go/gover.js'
import type { CheckInput, ModuleFacts } from '../types.js'
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
  const verifyText = m.verify && !m.verify.ok ? (m.verify.detail ?? '') : ''
  const goCannotRead = /errors parsing (go\.mod|go\.work)|go\.(mod|work):\d+:/.test(verifyText)
  return [
    goLineFinding(c, m),
    readableFinding(m, goCannotRead ? verifyText : ''),
    sumFinding(m),
    verifyText && !goCannotRead ? verifyFinding(m, verifyText) : undefined,
  ].filter((f): f is Finding => !!f)
}

/** The go and toolchain lines against the Go that is set up and its GOTOOLCHAIN. */
function goLineFinding(c: CheckInput, m: ModuleFacts): Finding | undefined {
  const want = c.expected
  // a Go before 1.21 has no GOTOOLCHAIN (`go env` prints it empty) and never switches
  const local = want.gotoolchain === '' || want.gotoolchain?.split('+')[0] === 'local'
  const { goLine } = m.mod
  const newer = (v: string) => (compareGo(v, want.version) ?? 0) > 0
  // GOTOOLCHAIN unknown (null): nothing said about switching, only the advisory line
  const verdict = goLine
    ? goLineVerdict(want.version, goLine.value, want.gotoolchain ?? 'unknown')
    : { kind: 'met' as const }
  if (want.gotoolchain === null && verdict.kind !== 'advisory' && verdict.kind !== 'met')
    return toolchainKept(c, m, local, newer)
  const at = { file: m.goMod, line: goLine?.line, audience: c.audience }
  switch (verdict.kind) {
    case 'advisory':
      // before Go 1.21 the go line is a suggestion: it builds, and says so on a compile error
      return finding(
        'gomod-newer',
        [],
        `${m.goMod} asks for go ${goLine!.value}, newer than Go ${want.version}; before Go 1.21 the go line is advisory: Go ${want.version} builds it (a compile error then adds "note: module requires Go ${goLine!.value}")`,
        { severity: 'notice', ...at },
      )
    case 'switch':
      // the go command switches: it downloads that Go into the module cache on first use
      return finding(
        'gomod-newer',
        [],
        `${m.goMod} asks for go ${goLine!.value}, newer than Go ${want.version}; with GOTOOLCHAIN=${want.gotoolchain} the go command downloads and runs a ${verdict.toolchain} toolchain instead`,
        { severity: 'notice', ...at },
      )
    case 'unavailable':
      return finding(
        'gomod-newer',
        [],
        `${m.goMod} says \`go ${goLine!.value}\`, a language version and not a release: Go ${want.version} asks for a toolchain ${verdict.toolchain}, which does not exist, and stops with "toolchain not available"; write \`go ${goLine!.value}.0\` (or add \`toolchain go${goLine!.value}.0\`)`,
        at,
      )
    case 'refuse':
      // Go refuses: "go.mod requires go >= X (running go Y; GOTOOLCHAIN=local)"
      return finding(
        'gomod-newer',
        [],
        `${m.goMod} asks for go ${goLine!.value} but Go ${want.version} is set up and GOTOOLCHAIN=${want.gotoolchain || 'local'} forbids switching: the go command refuses to build it`,
        at,
      )
  }
  return toolchainKept(c, m, local, newer)
}

/** A toolchain line newer than the Go set up, under GOTOOLCHAIN=local: builds use the older Go. */
function toolchainKept(
  c: CheckInput,
  m: ModuleFacts,
  local: boolean,
  newer: (v: string) => boolean,
): Finding | undefined {
  const want = c.expected
  const toolchain = m.mod.toolchainLine
  if (local && toolchain && toolchain.value !== 'default' && newer(toolchain.value)) {
    // Go builds with the local toolchain; the module's stated toolchain is not the one used
    return finding(
      'gomod-newer',
      [],
      `${m.goMod} names toolchain ${toolchain.value}, but Go ${want.version} is set up and GOTOOLCHAIN=local keeps it: builds use the older Go`,
      { severity: 'warning', file: m.goMod, line: toolchain.line, audience: c.audience },
    )
  }
  return undefined
}

/** go.mod as Go reads it (`go mod verify`'s parse errors), else as this tool parsed it. */
function readableFinding(m: ModuleFacts, goError: string): Finding | undefined {
  if (goError) {
    return finding('gomod-invalid', [], `Go cannot read ${m.goMod}: ${goError.slice(0, 500)}`, {
      file: m.goMod,
      line: lineIn(goError, m.goMod) ?? 1,
    })
  }
  const p = m.mod.problems[0]
  return p
    ? finding('gomod-invalid', [], `${m.goMod}:${p.line}: ${p.message}`, {
        file: m.goMod,
        line: p.line,
      })
    : undefined
}

/** go.sum: missing while go.mod requires modules, or without a required module's entry. */
function sumFinding(m: ModuleFacts): Finding | undefined {
  if (!m.goSumPresent && m.requires.length > 0) {
    const first = m.requires[0]
    return finding(
      'gosum-missing',
      [],
      m.workspace
        ? `the modules of ${m.goMod} require ${m.requires.length} module(s) but none of them has a go.sum, and there is no go.work.sum`
        : `${m.goMod} requires ${m.requires.length} module(s) but ${m.goSum} does not exist`,
      { file: first.file, line: first.line },
    )
  }
  if (m.missingSums.length === 0) return undefined
  const first = m.missingSums[0]
  const by = [...new Set(m.missingSums.map((r) => r.file))].join(', ')
  return finding(
    'gosum-stale',
    [],
    `${m.goSum} has no entry for ${m.missingSums.map((r) => `${r.path} ${r.version}`).join(', ')} required by ${by}`,
    { file: first.file, line: first.line },
  )
}

function verifyFinding(m: ModuleFacts, verifyText: string): Finding {
  const modcache = /checksum mismatch|has been modified|dir has been modified/.test(verifyText)
  return finding('mod-verify-failed', [], `go mod verify failed: ${verifyText.slice(0, 500)}`, {
    file: m.goMod,
    line: 1,
    params: { modcache },
  })
}
