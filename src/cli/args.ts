import { parseArgs } from 'node:util'
import type { Category, LaunchMode, ShellName } from '../base/types.js'
import { InputError } from '../findings/errors.js'
import { parseFailOn, parseShells } from '../app/inputs.js'

export interface CliOptions {
  shells: 'auto' | ShellName[]
  as: LaunchMode
  json: boolean
  fix: boolean
  failOn: Category[]
  workingDirectory: string
  timeoutMs: number
  checkModules: boolean
}

export const USAGE = `usage: go-path-arbiter [options]

Checks that every shell on this machine sees the same Go as the go on PATH, and says
which startup file, registry value or go env file put each PATH entry and Go variable
where it is.

  --as MODE             terminal (default): start each shell as a terminal does (cmd with
                        AutoRun, pwsh with its profiles, bash and zsh with their rc and
                        profile files, WSL through the login shell);
                        runner: as a GitHub Actions step does (no startup files but pwsh
                        profiles and BASH_ENV)
  --shells LIST         auto (default) or a comma list of cmd,pwsh,powershell,bash,sh,zsh,wsl
  --fix                 print the commands that fix each error, ready to copy (changes nothing)
  --json                print the JSON report instead of the text report
  --fail-on LIST        any (default), never, or a comma list of config,toolchain,module
  --working-directory D where go.mod is looked for (default: .)
  --probe-timeout S     seconds per shell probe, 1 to 3600 (default: 30)
  --no-modules          skip the go.mod / go.sum checks
  -h, --help            this text

Exit codes: 0 consistent, 1 environment configuration, 2 toolchain anomaly, 3 module inconsistency.`

/** Parses the command line (pure); errors name the option and the value. */
export function parseCli(argv: string[]): CliOptions | 'help' {
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({
      args: argv,
      options: {
        as: { type: 'string' },
        shells: { type: 'string' },
        'fail-on': { type: 'string' },
        json: { type: 'boolean' },
        fix: { type: 'boolean' },
        'working-directory': { type: 'string' },
        'probe-timeout': { type: 'string' },
        'no-modules': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values
  } catch (err) {
    throw new InputError((err as Error).message)
  }
  if (values.help) return 'help'
  const raw = (values['probe-timeout'] as string | undefined) ?? '30'
  const timeout = Number(raw)
  if (!Number.isFinite(timeout) || timeout < 1 || timeout > 3600) {
    throw new InputError(
      `--probe-timeout: ${JSON.stringify(raw)} is not a number of seconds from 1 to 3600`,
    )
  }
  const as = (values.as as string | undefined) ?? 'terminal'
  if (as !== 'terminal' && as !== 'runner') {
    throw new InputError(`--as: ${JSON.stringify(as)} is not one of terminal, runner`)
  }
  return {
    as,
    shells: parseShells((values.shells as string | undefined) ?? 'auto', '--shells'),
    failOn: parseFailOn((values['fail-on'] as string | undefined) ?? 'any', '--fail-on'),
    json: !!values.json,
    fix: !!values.fix,
    workingDirectory: (values['working-directory'] as string | undefined) ?? '.',
    timeoutMs: Math.round(timeout * 1000),
    checkModules: !values['no-modules'],
  }
}
