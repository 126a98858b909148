/** Whether the exported tree is a working Go of the version set up. */
import type { Origin } from '../../base/origin.js'
import { isWsl, type ShellName } from '../../base/types.js'
import type { ShellSight } from '../sight.js'
import { finding, type Finding } from '../../findings/catalog.js'
import { goVersionOf } from '../../go/gover.js'
import { notAProgram } from './resolution.js'
import type { Rule } from './types.js'

/**
 * The go env file's GOROOT names a folder that does not exist, and this shell has no GOROOT
 * of its own: go cannot start at all (not even `go env -u GOROOT`), and the file's line is
 * the cause.
 */
function goRootFromFile(c: Parameters<Rule>[0], sh: ShellSight): Origin | undefined {
  const m = /cannot find GOROOT directory: (.+)/.exec(sh.probe.goEnvError ?? '')
  const line = c.goEnvFile?.values.GOROOT
  if (!m || !line || sh.probe.view.env.GOROOT || line.value !== m[1].trim()) return undefined
  const where = `${c.goEnvFile!.path}:${line.line}`
  return {
    layer: 'go env file',
    where: `the go env file (${where})`,
    file: c.goEnvFile!.path,
    line: line.line,
  }
}

export const goFailsInShell: Rule = (c, s) =>
  s.shells
    // a shell whose go is another go is reported once, as go-shadowed or go-other; one
    // whose go is an alias or a function, as go-not-a-program
    .filter((sh) => !(sh.runs && !sh.runsExported) && !notAProgram(sh.probe.view))
    .filter(
      (sh) =>
        sh.probe.view.goEnvExit !== null && (sh.probe.view.goEnvExit !== 0 || !sh.probe.goEnv),
    )
    .map((sh) => {
      const cause = goRootFromFile(c, sh)
      const f = finding(
        'go-fails',
        [sh.shell],
        sh.probe.view.goEnvExit === 0
          ? `${sh.shell}: \`go env\` printed no JSON object: ${(sh.probe.goEnvError ?? '').slice(0, 300) || 'no output'}`
          : `${sh.shell}: \`go env\` failed (exit ${sh.probe.view.goEnvExit}): ${(sh.probe.goEnvError ?? '').slice(0, 300) || 'no output'}${cause ? ` (GOROOT comes from ${cause.where})` : ''}`,
        {
          params: { program: sh.runs?.path, goEnvFile: cause && `${cause.file}:${cause.line}` },
          audience: c.audience,
        },
      )
      return cause ? { ...f, origin: cause } : f
    })

const detail = (d: string | undefined) => (d ? `: ${d}` : '')

export const treeWorks: Rule = (c) => {
  const t = c.toolchain
  const out: Finding[] = []
  if (!t.goEnv.ok)
    out.push(finding('go-broken', [], `${c.expected.goBinary} env failed${detail(t.goEnv.detail)}`))
  if (!t.pkgTool.ok)
    out.push(finding('pkg-tool-missing', [], `GOROOT ${c.expected.goroot} has no ${t.pkgTool.dir}`))
  if (!t.gofmt.ok)
    out.push(
      finding('gofmt-fails', [], `gofmt in GOROOT/bin does not work${detail(t.gofmt.detail)}`),
    )
  // a tree unpacked over an older one keeps the older compiler: "compile: version X does not
  // match go tool version Y" on every build
  const go = t.goEnv.goVersion
  if (t.compile && go && /^go\d/.test(go) && t.compile.version !== go)
    out.push(
      finding(
        'go-unusable',
        [],
        `${c.expected.goroot}: its compiler (${t.compile.program}) is ${t.compile.version}, its go ${go}: a Go unpacked over another one, so every build stops with "compile: version ${JSON.stringify(t.compile.version)} does not match go tool version ${JSON.stringify(go)}"`,
        { params: { overlay: c.expected.goroot } },
      ),
    )
  if (!t.vet.ok)
    out.push(finding('vet-missing', [], `go vet is not available${detail(t.vet.detail)}`))
  return out
}

/**
 * One cause, one finding: the exported go reports another version than the one set up,
 * outside the shells (the tree itself) and in each shell that runs it.
 */
export const versionNotInstalled: Rule = (c, s) => {
  const want = c.expected.version
  const seen: string[] = []
  const shells: ShellName[] = []
  const tree = c.toolchain.goEnv.ok ? c.toolchain.goEnv.goVersion : undefined
  if (tree && goVersionOf(tree) !== want) seen.push(`the tree: ${tree}`)
  for (const sh of s.shells) {
    const v = sh.probe.goEnv?.GOVERSION
    // a new WSL terminal runs its own Linux tree: wsl-go-version says so, once
    if (isWsl(sh.shell) && c.audience === 'terminal') continue
    if (!v || !sh.runsExported || goVersionOf(v) === want) continue
    shells.push(sh.shell)
    seen.push(`${sh.shell}: ${v}`)
  }
  if (seen.length === 0) return []
  const out: Finding[] = [
    finding(
      'version-not-installed',
      shells,
      `${c.expected.label === 'reference' ? 'The reference go' : 'The exported go'} reports another version than ${want} (${seen.join('; ')})`,
      { audience: c.audience },
    ),
  ]
  return out
}
