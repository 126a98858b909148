/**
 * The Linux stand-in for wsl.exe (`__fixtures__/wsl/wsl`: this machine's sh as the
 * distribution, HOME as given): a runner for it and a distribution's files through it.
 */
import path from 'node:path'
import { repoRoot } from './action.js'
import { runProcess } from '../../src/processes/run.js'
import { distroFiles } from '../../src/wsl/startup-files.js'
import type { WslRunner } from '../../src/wsl/provision.js'

export const WSL_STANDIN_DIR = path.join(repoRoot, '__fixtures__', 'wsl')

export function standinFiles(home: string, distribution = 'Ubuntu') {
  const env = { PATH: `${WSL_STANDIN_DIR}:${process.env.PATH}`, FAKE_WSL_HOME: home }
  const run: WslRunner = (args, o) =>
    runProcess(path.join(WSL_STANDIN_DIR, 'wsl'), args, {
      env,
      timeoutMs: o.timeoutMs,
      input: o.input,
      decode: 'auto',
    })
  return { env, run, files: distroFiles(run, distribution, 20_000) }
}
