/** Annotations: one per error and warning; file findings point at their file and line. */
import path from 'node:path'
import type { Finding } from '../../findings/catalog.js'
import { relativeInside } from '../../paths/forms.js'

/** A file path as annotations want it: relative to the workspace when inside it. */
export function annotationPath(file: string, workspace: string | undefined): string {
  const rel = workspace ? relativeInside(workspace, file) : null
  return rel ? rel.split(path.sep).join('/') : file
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  text: string
  title: string
  file?: string
  line?: number
}

export function annotations(
  findings: readonly Finding[],
  workspace: string | undefined,
): Annotation[] {
  return findings.map((f) => ({
    level: f.severity,
    title: `go-path-arbiter ${f.id}`,
    text: `${f.shells.length ? `[${f.shells.join(', ')}] ` : ''}${f.message}${f.origin ? ` (set by ${f.origin.where})` : ''}. Fix: ${f.hint}`,
    ...(f.file ? { file: annotationPath(f.file, workspace) } : {}),
    ...(f.line ? { line: f.line } : {}),
  }))
}
