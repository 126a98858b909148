import { spawn, spawnSync } from 'node:child_process'
import { scratchDir } from './scratch.js'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { applyPathLines, parseEnvFile, parsePathFile } from './file-commands.js'
import { actionNode } from './node.js'

export const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..')
/** The bundle the tests run: built from src/ by the Jest global setup, never a stale dist/. */
export function bundleDir(): string {
  const dir = process.env.GPA_TEST_BUNDLE
  if (!dir)
    throw new Error(
      'GPA_TEST_BUNDLE is not set: run the tests through jest (scripts/test-bundle.mjs)',
    )
  return dir
}
export const actionBundle = () => path.join(bundleDir(), 'dist', 'index.js')
export const cliBundle = () => path.join(bundleDir(), 'dist', 'cli', 'index.js')
export const postBundle = () => path.join(bundleDir(), 'dist', 'post', 'index.js')

export interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  env: Record<string, string>
  pathLines: string[]
  outputs: Record<string, string>
  summary: string
  /** The environment a later step gets: base env + GITHUB_ENV + GITHUB_PATH applied. */
  stepEnv: NodeJS.ProcessEnv
  dirs: RunnerDirs
}

export interface RunnerDirs {
  root: string
  toolCache: string
  temp: string
  workspace: string
  home: string
}

/** A fresh runner-like layout: tool cache, temp, workspace and a HOME. */
export function runnerDirs(root = scratchDir('gpa-runner-')): RunnerDirs {
  const d = {
    root,
    toolCache: path.join(root, 'toolcache'),
    temp: path.join(root, 'temp'),
    workspace: path.join(root, 'workspace'),
    home: path.join(root, 'home'),
  }
  for (const dir of [d.toolCache, d.temp, d.workspace, d.home]) mkdirSync(dir, { recursive: true })
  return d
}

/**
 * A PATH without any Go on it, so tests see only what the action sets up: a folder of
 * links to everything in /usr/bin and /bin except go and gofmt.
 */
export function basePathWithoutGo(): string {
  const dir = path.join(os.tmpdir(), 'gpa-sysbin-nogo')
  if (!existsSync(path.join(dir, '.done'))) {
    mkdirSync(dir, { recursive: true })
    for (const src of ['/usr/local/bin', '/usr/bin', '/bin']) {
      if (!existsSync(src)) continue
      for (const name of readdirSync(src)) {
        if (name === 'go' || name === 'gofmt' || existsSync(path.join(dir, name))) continue
        try {
          symlinkSync(path.join(src, name), path.join(dir, name))
        } catch {
          // another test worker made it first
        }
      }
    }
    writeFileSync(path.join(dir, '.done'), '')
  }
  return dir
}

/** What the runner sets for every step of a job on these folders. */
const runnerVars = (dirs: RunnerDirs): NodeJS.ProcessEnv => ({
  GITHUB_ACTIONS: 'true',
  GITHUB_WORKSPACE: dirs.workspace,
  RUNNER_TOOL_CACHE: dirs.toolCache,
  RUNNER_TEMP: dirs.temp,
  RUNNER_OS: 'Linux',
})

/** The inputs as the runner hands them to an action: INPUT_<NAME>, spaces as `_`, upper case. */
export function inputVars(inputs: Record<string, string>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(inputs))
    out[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v
  return out
}

/**
 * Runs a bundle with node, collecting its output. Spawned, not spawnSync: a server the
 * bundle talks to (a mirror, the cache service) may be served from this very process.
 */
function runBundle(bundle: string, cwd: string, env: NodeJS.ProcessEnv, killAfterMs?: number) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(actionNode(), [bundle], { cwd, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = killAfterMs ? setTimeout(() => child.kill('SIGKILL'), killAfterMs) : undefined
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/** A step's command files, fresh and empty in `dir`, by the variables that name them. */
export function commandFiles(dir: string) {
  const name = (kind: string) => path.join(dir, `${kind}-${Date.now()}-${Math.random()}`)
  const files = {
    GITHUB_ENV: name('env'),
    GITHUB_PATH: name('path'),
    GITHUB_OUTPUT: name('output'),
    GITHUB_STEP_SUMMARY: name('summary'),
  }
  for (const f of Object.values(files)) writeFileSync(f, '')
  return files
}

/** Runs dist/index.js the way the runner runs a node action step. */
export async function runAction(
  inputs: Record<string, string>,
  dirs: RunnerDirs,
  extraEnv: NodeJS.ProcessEnv = {},
  runnerEnv: NodeJS.ProcessEnv = {},
): Promise<ActionRun> {
  const files = commandFiles(dirs.temp)
  const baseEnv: NodeJS.ProcessEnv = {
    PATH: basePathWithoutGo(),
    HOME: dirs.home,
    LANG: 'C.UTF-8',
    ...extraEnv,
  }
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    ...files,
    ...runnerVars(dirs),
    // a test may stand for a broken runner (RUNNER_TEMP that is a file, ...)
    ...runnerEnv,
    ...inputVars(inputs),
  }
  const { code, stdout, stderr } = await runBundle(actionBundle(), dirs.workspace, env)
  const exported = parseEnvFile(readFileSync(files.GITHUB_ENV, 'utf8'))
  const pathLines = parsePathFile(readFileSync(files.GITHUB_PATH, 'utf8'))
  const stepEnv: NodeJS.ProcessEnv = { ...baseEnv, ...exported }
  stepEnv.PATH = applyPathLines(pathLines, baseEnv.PATH ?? '')
  return {
    code,
    stdout,
    stderr,
    env: exported,
    pathLines,
    outputs: parseEnvFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    stepEnv,
    dirs,
  }
}

/**
 * The action's post step, as the runner runs it after the job's steps: the same inputs and
 * runner variables, and each value the main step saved to GITHUB_STATE as STATE_<name>.
 */
export async function runPostStep(
  inputs: Record<string, string>,
  dirs: RunnerDirs,
  stateFile: string,
  env: NodeJS.ProcessEnv,
) {
  const state = parseEnvFile(readFileSync(stateFile, 'utf8'))
  const summary = path.join(dirs.temp, `post-summary-${Date.now()}-${Math.random()}`)
  writeFileSync(summary, '')
  const all: NodeJS.ProcessEnv = {
    PATH: basePathWithoutGo(),
    HOME: dirs.home,
    LANG: 'C.UTF-8',
    ...runnerVars(dirs),
    GITHUB_STEP_SUMMARY: summary,
    ...env,
    ...inputVars(inputs),
  }
  for (const [k, v] of Object.entries(state)) all[`STATE_${k}`] = v
  const r = await runBundle(postBundle(), dirs.workspace, all, 120_000)
  return {
    code: r.code,
    stdout: r.stdout,
    stderr: r.stderr,
    summary: readFileSync(summary, 'utf8'),
  }
}

/** A following `shell: bash` step: bash --noprofile --norc -e -o pipefail {0}. */
export function bashStep(script: string, env: NodeJS.ProcessEnv, cwd: string) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gpa-step-')), 'step.sh')
  writeFileSync(file, script)
  const r = spawnSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', file], {
    env,
    cwd,
    encoding: 'utf8',
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}
