/** The JSON report: what was set up, every finding, and every probe's raw results. */
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { ExitCode } from '../base/types.js'
import type { CheckReport } from '../check/run-check.js'
import type { Expected } from '../check/types.js'
import type { Finding } from '../findings/catalog.js'
import { STATUS_OF, type Verdict } from '../findings/exit-code.js'
import { makeDirs } from '../files/dirs.js'

export interface ReportData {
  code: ExitCode
  verdict: Verdict
  go?: { version: string; root: string; source: string; decidedBy: string; downloaded: boolean }
  expected?: Expected
  findings: Finding[]
  check?: CheckReport
  /** anything else worth keeping (the CLI's go binary, the launch mode) */
  extra?: Record<string, unknown>
}

export function reportJson(r: ReportData): string {
  const input = r.check?.input
  const body = {
    tool: 'go-path-arbiter',
    ...r.extra,
    exitCode: r.code,
    status: STATUS_OF[r.code],
    failing: r.verdict.failing,
    processExitCode: r.verdict.processCode,
    go: r.go ?? null,
    expected: r.expected ?? null,
    findings: r.findings,
    toolchain: input?.toolchain,
    modules: input?.modules,
    goEnvFile: input?.goEnvFile,
    probes: r.check?.probes ?? [],
  }
  return `${JSON.stringify(body, (_k, v: unknown) => (v instanceof Set ? [...v] : v), 2)}\n`
}

/** Writes the report into the first folder that takes it; returns its path. */
export async function writeReport(dirs: readonly string[], text: string): Promise<string> {
  let last: unknown
  for (const dir of dirs) {
    try {
      await makeDirs(dir)
      const file = path.join(dir, `go-path-arbiter-report-${Date.now()}-${process.pid}.json`)
      await writeFile(file, text)
      return file
    } catch (err) {
      last = err
    }
  }
  throw last
}
