/**
 * Real PowerShell for the tests: `pwsh` on PATH, or the .NET global tool in
 * ~/.dotnet/tools (`dotnet tool install --global PowerShell --version 7.6.9`). When it is
 * missing the pwsh tests are skipped with a message, unless GPA_PWSH=required (as .ci/run
 * sets it), which makes them fail instead.
 */
import { describeWith } from './tools.js'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

function findPwsh(): string | null {
  const onPath = spawnSync('sh', ['-c', 'command -v pwsh'], { encoding: 'utf8' }).stdout.trim()
  if (onPath) return onPath
  const tool = path.join(os.homedir(), '.dotnet', 'tools', 'pwsh')
  return existsSync(tool) ? tool : null
}

export const pwshExe = findPwsh()

if (!pwshExe && process.env.GPA_PWSH === 'required') {
  throw new Error(
    'GPA_PWSH=required but pwsh is not installed: dotnet tool install --global PowerShell --version 7.6.9',
  )
}

/** describe() when real pwsh is here; otherwise skipped, saying what it needs. */
export const pwshDescribe = (name: string, fn: () => void) => describeWith(['pwsh'], name, fn)

/** The folder to put on PATH so that a probe finds pwsh as the runner would. */
export const pwshDir = () => path.dirname(pwshExe!)

/**
 * A later `shell: pwsh` step, as the runner runs it: the script wrapped in
 * `$ErrorActionPreference = 'stop'` ... `exit $LASTEXITCODE`, run by
 * `pwsh -command ". '<file>.ps1'"` (profiles load).
 */
export function pwshStep(script: string, env: NodeJS.ProcessEnv, cwd: string) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gpa-pwsh-step-')), 'step.ps1')
  writeFileSync(
    file,
    [
      "$ErrorActionPreference = 'stop'",
      script,
      'if ((Test-Path -LiteralPath variable:\\LASTEXITCODE)) { exit $LASTEXITCODE }',
      '',
    ].join('\n'),
  )
  const r = spawnSync(pwshExe!, ['-command', `. '${file.replace(/'/g, "''")}'`], {
    env,
    cwd,
    encoding: 'utf8',
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}
