/**
 * The action's adapters over @actions/core: a log whose lines cannot become workflow
 * commands, the exports (GITHUB_ENV / GITHUB_PATH, applied to this process the way the
 * runner applies them to later steps), and the one place a run ends.
 */
import * as core from '@actions/core'

import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { errnoCode } from '../base/errors.js'
import { logSafe, type Log } from '../base/log.js'
import type { ExitCode } from '../base/types.js'
import type { CheckReport } from '../check/run-check.js'
import type { Expected } from '../check/types.js'
import type { EnvPlan } from '../env/plan.js'
import { finding, type Finding } from '../findings/catalog.js'
import { CODE_OF, MEANING, STATUS_OF, verdict, type Verdict } from '../findings/exit-code.js'
import type { Category } from '../base/types.js'
import { laterStepPath } from '../paths/later-path.js'
import { annotations } from '../report/annotations.js'
import { reportJson, writeReport } from '../report/json.js'
import { renderSummary } from '../report/summary.js'
import type { GoSetup } from '../go/setup.js'
import type { ShellOrigins } from '../attribution/origins.js'
import { makeDirs } from '../proc/fs.js'

/**
 * Registers the Go problem matcher (matchers/go.json, beside dist/ in the action): `go
 * build`, `go vet` and `go test` errors of later steps become annotations on file and line.
 * Written directly: the toolkit has no call for it, and the path is the action's own.
 */
export function registerMatcher(): string {
  // dist/index.js -> <action>/matchers/go.json; spelled so that the bundler leaves it a path
  const where = ['..', 'matchers', 'go.json'].join('/')
  const file = fileURLToPath(new URL(where, import.meta.url))
  process.stdout.write(`::add-matcher::${file}${os.EOL}`)
  return file
}

export const actionLog: Log = {
  info: (m) => core.info(logSafe(m)),
  // the toolkit escapes annotation data itself
  warning: (m) => core.warning(m),
  group: (name, fn) => core.group(logSafe(name), fn),
}

/**
 * Writes the plan as file commands: variables to GITHUB_ENV, PATH entries to GITHUB_PATH
 * (written last-first, so the plan's first entry ends up first), and gives this process
 * the PATH a later step will get. GOPATH/bin is created; when it cannot be, that is a
 * finding, not a crash.
 */
export async function applyExports(
  plan: EnvPlan,
  extra: Record<string, string>,
): Promise<Finding[]> {
  const findings: Finding[] = []
  try {
    await makeDirs(plan.gopathBin)
  } catch (err) {
    findings.push(
      finding(
        'gopath-unusable',
        [],
        `GOPATH/bin ${plan.gopathBin} cannot be created (${errnoCode(err) ?? (err as Error).message}); \`go install\` will fail there`,
      ),
    )
  }
  for (const [name, value] of Object.entries({ ...plan.vars, ...extra }))
    core.exportVariable(name, value)
  const before = process.env.PATH ?? ''
  for (const entry of [...plan.path].reverse()) core.addPath(entry)
  process.env.PATH = laterStepPath(before, plan.path, path.delimiter)
  return findings
}

/** Everything a run produced, however far it got. */
export interface RunEnd {
  findings: Finding[]
  go?: GoSetup
  expected?: Expected
  check?: CheckReport
  /** where the entries of the attributed shells come from (pwsh profiles) */
  attribution?: ShellOrigins[]
  failOn: Category[]
  summary: boolean
  reportDirs: string[]
  workspace?: string
}

/** The message of a failed job: the categories that fail it, and the contract's code. */
export function failureMessage(v: Verdict): string {
  const why = v.failing.map((c) => MEANING[CODE_OF[c]]).join(', ')
  const also =
    v.code !== v.processCode
      ? `; the exit-code output is ${v.code} (${MEANING[v.code]}), the lowest category found`
      : ''
  return `go-path-arbiter: exit code ${v.processCode} (${why})${also}; see the findings above`
}

/**
 * The one way a run ends: outputs `exit-code`, `status` and `report`, annotations, the
 * JSON report, the job summary, and the process exit code fail-on decides.
 */
export async function finish(end: RunEnd): Promise<ExitCode> {
  const v = verdict(end.findings, end.failOn)
  for (const a of annotations(end.findings, end.workspace)) {
    const props: core.AnnotationProperties = { title: a.title }
    if (a.file) props.file = a.file
    if (a.line) props.startLine = a.line
    if (a.level === 'error') core.error(a.text, props)
    else if (a.level === 'warning') core.warning(a.text, props)
    else actionLog.info(`notice: ${a.text}`)
  }
  let file = ''
  try {
    file = await writeReport(
      end.reportDirs,
      reportJson({
        code: v.code,
        verdict: v,
        go: end.go && {
          version: end.go.version,
          root: end.go.root,
          source: end.go.source,
          decidedBy: end.go.decidedBy,
          cacheHit: end.go.cacheHit,
        },
        expected: end.expected,
        findings: end.findings,
        check: end.check,
        extra: end.attribution
          ? { attribution: end.attribution.map(({ layer: _layer, ...a }) => a) }
          : undefined,
      }),
    )
  } catch (err) {
    core.warning(
      `go-path-arbiter: the JSON report could not be written (${errnoCode(err) ?? (err as Error).message})`,
    )
  }
  core.setOutput('exit-code', String(v.code))
  core.setOutput('status', STATUS_OF[v.code])
  core.setOutput('report', file)
  if (end.summary) {
    try {
      await core.summary
        .addRaw(
          renderSummary({
            code: v.code,
            verdict: v,
            platform: process.platform,
            go: end.go,
            expected: end.expected,
            check: end.check,
            attribution: end.attribution,
            findings: end.findings,
            failOnNever: end.failOn.length === 0,
          }),
        )
        .write()
    } catch (err) {
      actionLog.info(`go-path-arbiter: no job summary written (${(err as Error).message})`)
    }
  }
  actionLog.info(
    `go-path-arbiter: exit code ${v.code} (${MEANING[v.code]}), ${end.findings.length} finding(s)${file ? `, report ${file}` : ''}`,
  )
  if (v.failing.length > 0) {
    core.setFailed(failureMessage(v))
    // setFailed always means 1; the semantic code is the contract
    process.exitCode = v.processCode
  }
  return v.processCode
}
