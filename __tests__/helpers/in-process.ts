/**
 * run() in-process, as a step: for each test this process's environment becomes a fresh
 * runner's (its folders, a PATH without Go), its working folder the workspace, and what it
 * writes to stdout (the workflow commands) is kept for the test instead of printed; all of
 * it is put back after the suite.
 */
import { afterAll, afterEach, beforeEach, jest } from '@jest/globals'
import * as core from '@actions/core'
import { basePathWithoutGo, repoRoot, runnerDirs, type RunnerDirs } from './action.js'

/**
 * The toolkit's summary keeps the first GITHUB_STEP_SUMMARY it was given for the life of the
 * process (one step); each in-process run of a test is a step of its own.
 */
export function resetSummaryFile(): void {
  ;(core.summary as unknown as { _filePath?: string })._filePath = undefined
}

export function inProcessRunner() {
  const saved = { ...process.env }
  let written: string[] = []
  beforeEach(() => {
    written = []
    resetSummaryFile()
    process.exitCode = undefined
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk))
      return true
    })
  })
  afterEach(() => {
    jest.restoreAllMocks()
  })
  afterAll(() => {
    for (const k of Object.keys(process.env)) delete process.env[k]
    Object.assign(process.env, saved)
    process.exitCode = undefined
    process.chdir(repoRoot)
  })
  return {
    /** what the run wrote to stdout, chunk by chunk */
    written: () => written,
    /** a new runner's folders as this process's environment (with `env` on top) and folder */
    enter(env: NodeJS.ProcessEnv = {}, dirs: RunnerDirs = runnerDirs()): RunnerDirs {
      for (const k of Object.keys(process.env)) delete process.env[k]
      Object.assign(process.env, {
        PATH: basePathWithoutGo(),
        HOME: dirs.home,
        RUNNER_TEMP: dirs.temp,
        RUNNER_TOOL_CACHE: dirs.toolCache,
        GITHUB_WORKSPACE: dirs.workspace,
        ...env,
      })
      process.chdir(dirs.workspace)
      return dirs
    },
  }
}
