import * as core from '@actions/core'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { CheckReport } from '../check/run-check.js'
import type { Finding } from '../check/types.js'

/** A file path as annotations want it: relative to the workspace when inside it. */
export function annotationPath(file: string, workspace: string | undefined): string {
  if (!workspace) return file
  const rel = path.relative(workspace, file)
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel)
    ? rel.split(path.sep).join('/')
    : file
}

/** One annotation per error and warning; module findings point at go.mod. */
export function annotate(
  findings: readonly Finding[],
  workspace = process.env.GITHUB_WORKSPACE,
): void {
  for (const f of findings) {
    const props: core.AnnotationProperties = { title: `go-path-arbiter ${f.id}` }
    if (f.file) props.file = annotationPath(f.file, workspace)
    if (f.line) props.startLine = f.line
    const text = `${f.shells.length ? `[${f.shells.join(', ')}] ` : ''}${f.message}. Fix: ${f.hint}`
    if (f.severity === 'error') core.error(text, props)
    else if (f.severity === 'warning') core.warning(text, props)
    else core.info(`notice: ${text}`)
  }
}

/** The JSON report: every probe's raw results and every finding. */
export function reportJson(r: CheckReport, extra: Record<string, unknown>): string {
  return `${JSON.stringify({ tool: 'go-path-arbiter', ...extra, exitCode: r.code, status: r.status, expected: r.expected, findings: r.findings, toolchain: r.toolchain, modules: r.modules, probes: r.probes }, null, 2)}\n`
}

export async function writeReport(dir: string, text: string): Promise<string> {
  await mkdir(dir, { recursive: true })
  const file = path.join(dir, `go-path-arbiter-report-${Date.now()}.json`)
  await writeFile(file, text)
  return file
}
