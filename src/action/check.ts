/** The action's check: every shell probed as a later step, with what the WSL set-up decided. */
import { runCheck, type CheckOptions, type CheckReport } from '../check/run-check.js'
import { wslCheckOptions, type WslSetup } from '../wsl/setup.js'
import type { GoEnvAnswer } from '../go/go-env.js'
import { answered } from './exports.js'

/** The check's request as the stages have it: `go env`'s answer and the WSL set-up whole. */
export type CheckStageRequest = Omit<
  CheckOptions,
  'goEnv' | 'goEnvError' | keyof ReturnType<typeof wslCheckOptions>
> & { goEnv: GoEnvAnswer; wsl: WslSetup }

export function checkStage({ goEnv, wsl, ...rest }: CheckStageRequest): Promise<CheckReport> {
  return runCheck({
    ...rest,
    goEnv: answered(goEnv),
    goEnvError: goEnv.ok ? undefined : goEnv.error,
    ...wslCheckOptions(wsl),
  })
}
