/**
 * The one way an action run ends, however far it got: the outputs `exit-code`, `status`
 * and `report`, annotations, the JSON report, the job summary, and the process exit code
 * fail-on decides.
 */
import os from 'node:os'
import path from 'node:path'
import { describeError, errnoCode } from '../base/errors.js'
import type { Category, ExitCode } from '../base/types.js'
import type { ShellOrigins } from '../attribution/origins.js'
import type { CheckReport } from '../check/run-check.js'
import type { Expected } from '../check/types.js'
import type { Finding } from '../findings/catalog.js'
import { CODE_OF, MEANING, STATUS_OF, verdict, type Verdict } from '../findings/exit-code.js'
import type { GoSetup } from '../download/setup.js'
import { annotations } from './report/annotations.js'
import { reportJson, writeReport } from '../report/json.js'
import { renderSummary } from './report/summary.js'
import { actionLog, annotate, failStep, flushed, writeOutputs, writeSummary } from './action-io.js'
import type { CacheRun } from './caches.js'
import { describeRestores } from './cache/describe.js'

/** Everything a run produced, however far it got. */
export interface RunEnd {
  findings: Finding[]
  go?: GoSetup
  expected?: Expected
  check?: CheckReport
  /** where the entries of the attributed shells come from (pwsh profiles) */
  attribution?: ShellOrigins[]
  /** the caches the run restored (cache: true) */
  caches?: CacheRun
  failOn: Category[]
  summary: boolean
  reportDirs: string[]
  workspace?: string
}

/** What a run starts with: the findings about the runner's folders, fail-on any, a summary. */
export function runEnd(temp: string, problems: Finding[], workspace: string | undefined): RunEnd {
  return {
    findings: [...problems],
    failOn: ['config', 'toolchain', 'module'],
    summary: true,
    reportDirs: [temp, path.join(os.tmpdir(), 'go-path-arbiter')],
    workspace,
  }
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

/** The JSON report, written where it can be; '' (and a warning) when nowhere. */
async function report(end: RunEnd, v: Verdict): Promise<string> {
  try {
    return await writeReport(
      end.reportDirs,
      reportJson({
        code: v.code,
        verdict: v,
        go: end.go && {
          version: end.go.version,
          root: end.go.root,
          source: end.go.source,
          decidedBy: end.go.decidedBy,
          downloaded: end.go.downloaded,
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
    actionLog.warning(
      `go-path-arbiter: the JSON report could not be written (${errnoCode(err) ?? (err as Error).message})`,
    )
    return ''
  }
}

async function summary(end: RunEnd, v: Verdict): Promise<void> {
  if (!end.summary) return
  try {
    await writeSummary(
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
        caches: end.caches && describeRestores(end.caches.restored, end.caches.unavailable),
      }),
    )
  } catch (err) {
    actionLog.info(`go-path-arbiter: no job summary written (${(err as Error).message})`)
  }
}

/** One part of the ending: a part that fails is a warning, and the others still run. */
async function guarded(what: string, fn: () => unknown): Promise<void> {
  try {
    await fn()
  } catch (err) {
    actionLog.warning(`go-path-arbiter: ${what} failed (${describeError(err)})`)
  }
}

/**
 * The verdict first, then each part on its own: a part that fails (the annotations, the
 * report, the outputs, the summary) leaves the others and the exit code as they are.
 */
export async function finish(end: RunEnd): Promise<ExitCode> {
  const v = verdict(end.findings, end.failOn)
  // the contract's code before anything that could fail; setFailed alone always means 1
  process.exitCode = v.processCode
  await guarded('writing the annotations', () => annotate(annotations(end.findings, end.workspace)))
  const file = await report(end, v)
  await guarded('setting the outputs', () =>
    writeOutputs({
      'exit-code': String(v.code),
      status: STATUS_OF[v.code],
      report: file,
      // setup-go's meaning, on every way a run ends: the module cache came from its exact key
      'cache-hit': String(end.caches?.hit ?? false),
    }),
  )
  await summary(end, v)
  actionLog.info(
    `go-path-arbiter: exit code ${v.code} (${MEANING[v.code]}), ${end.findings.length} finding(s)${file ? `, report ${file}` : ''}`,
  )
  if (v.failing.length > 0) await failStep(failureMessage(v), v.processCode)
  await flushed()
  return v.processCode
}
