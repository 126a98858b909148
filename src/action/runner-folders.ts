/**
 * The runner's folders, checked before use: a folder from outside must be an absolute
 * path without control characters.
 */
import os from 'node:os'
import path from 'node:path'
import { unsafePath } from './export-plan.js'
import { finding, type Finding } from '../findings/catalog.js'

export interface RunnerFolder {
  path: string
  /** how messages name it: `RUNNER_TEMP (D:\a\_temp)` */
  label: string
}

/**
 * RUNNER_TEMP or RUNNER_TOOL_CACHE: an absolute path without control characters, else a
 * finding (and the fallback, so the report can still be written).
 */
export function runnerFolder(
  env: NodeJS.ProcessEnv,
  name: 'RUNNER_TEMP' | 'RUNNER_TOOL_CACHE',
  platform: NodeJS.Platform,
  fallback: string,
): { folder: RunnerFolder; problem?: Finding } {
  const value = env[name]
  if (!value) return { folder: { path: fallback, label: `the temporary folder ${fallback}` } }
  const why = unsafePath(value, platform)
  if (!why) return { folder: { path: value, label: `${name} (${value})` } }
  return {
    folder: { path: fallback, label: `the temporary folder ${fallback}` },
    problem: finding(
      'runner-dir-unusable',
      [],
      `${name} ${JSON.stringify(value)} cannot be used: ${why}`,
    ),
  }
}

export function defaultFolders(env: NodeJS.ProcessEnv, platform: NodeJS.Platform) {
  const temp = runnerFolder(env, 'RUNNER_TEMP', platform, os.tmpdir())
  const cache = runnerFolder(
    env,
    'RUNNER_TOOL_CACHE',
    platform,
    path.join(os.tmpdir(), 'go-path-arbiter-tool-cache'),
  )
  return {
    temp: temp.folder,
    toolCache: cache.folder,
    problems: [temp.problem, cache.problem].filter((p): p is Finding => !!p),
  }
}
