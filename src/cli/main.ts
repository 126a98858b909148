/**
 * The command line: the same check on a developer's own machine, against the go on PATH,
 * with each shell started as a terminal starts it (or as a runner step, `--as runner`),
 * and the origin of what each shell sees.
 */
import os from 'node:os'
import path from 'node:path'
import type { ExitCode, ShellName } from '../base/types.js'
import { fixCommands } from '../attribution/fix.js'
import type { Origin, ShellAttribution } from '../attribution/attribute.js'
import type { CheckReport } from '../check/run-check.js'
import type { Expected } from '../check/types.js'
import type { Finding } from '../findings/catalog.js'
import { FindingError } from '../findings/errors.js'
import { verdict } from '../findings/exit-code.js'
import { goVersionOf } from '../go/gover.js'
import { createFetcher } from '../go/http.js'
import { parseArch } from '../go/platform.js'
import { whichAll } from '../proc/which.js'
import { reportJson } from '../report/json.js'
import { renderText } from '../report/text.js'
import { setupWsl } from '../wsl/setup.js'
import { DEFAULT_BASE_URL } from '../app/inputs.js'
import { attribute } from '../app/attribution-stage.js'
import { askGoEnv, checkStage, expectedOf, findingOf, planExports } from '../app/stages.js'
import { parseCli, USAGE } from './args.js'

/** Runs the check from a terminal; resolves to the process exit code. */
export async function cliMain(
  argv: string[],
  write: (s: string) => void = (s) => process.stdout.write(s),
  env: NodeJS.ProcessEnv = process.env,
): Promise<ExitCode> {
  let opts
  try {
    opts = parseCli(argv)
  } catch (err) {
    write(`go-path-arbiter: ${(err as Error).message}\n\n${USAGE}\n`)
    return 1
  }
  if (opts === 'help') {
    write(`${USAGE}\n`)
    return 0
  }
  const platform = process.platform
  const findings: Finding[] = []
  let expected: Expected | undefined
  let check: CheckReport | undefined
  let attribution: ShellAttribution[] | undefined
  let origins: Array<Origin | undefined> = []
  let goBinary = ''
  const cwd = path.resolve(opts.workingDirectory)
  const tempDir = path.join(os.tmpdir(), 'go-path-arbiter')
  let stage = 'finding go on PATH'
  try {
    goBinary = whichAll('go', env, platform)[0] ?? ''
    if (!goBinary) {
      throw new FindingError('go-not-found', 'no go on PATH', {
        hint: 'Install Go, or add its bin folder to PATH.',
      })
    }
    stage = 'asking go env'
    const goEnv = await askGoEnv(goBinary, env, opts.timeoutMs)
    if (!goEnv.env)
      throw new FindingError(
        'go-unusable',
        `The go on PATH (${goBinary}) does not work: ${goEnv.error}`,
      )
    const go = {
      root: goEnv.env.GOROOT || path.resolve(path.dirname(goBinary), '..'),
      version: goVersionOf(goEnv.env.GOVERSION) ?? '',
      decidedBy: `the go on PATH (${goBinary})`,
    }
    const plan = planExports(go, { gopath: '', gotoolchain: null, platform, env }, goEnv.env)
    stage = 'looking at WSL'
    const wsl =
      platform === 'win32' && go.version
        ? await setupWsl(
            {
              wsl: 'auto',
              shells: opts.shells,
              wslDistribution: '',
              wslUser: '',
              arch: parseArch(process.arch, 'process.arch'),
              downloadBaseUrl: DEFAULT_BASE_URL,
            },
            {
              platform,
              env,
              version: go.version,
              temp: tempDir,
              fetcher: createFetcher({ token: '', log: () => {} }),
              timeoutMs: opts.timeoutMs,
              log: () => {},
              lookOnly: true,
            },
          )
        : undefined
    expected = expectedOf(go, plan, null, platform, wsl)
    stage = 'probing the shells'
    check = await checkStage({
      platform,
      env,
      expected,
      goEnv,
      shells: opts.shells,
      mode: opts.as,
      audience: 'terminal',
      timeoutMs: opts.timeoutMs,
      tempDir,
      workingDirectory: cwd,
      checkModules: opts.checkModules,
      wsl,
    })
    stage = 'attributing'
    const a = await attribute({
      report: check,
      mode: opts.as,
      platform,
      env,
      tempDir,
      cwd,
      timeoutMs: opts.timeoutMs,
      registry: platform === 'win32',
      login: platform !== 'win32' && opts.as === 'terminal',
    })
    attribution = a.shells
    origins = a.origins
    findings.push(...a.findings)
  } catch (err) {
    findings.push(findingOf(err, stage))
  }
  const v = verdict(findings, opts.failOn)
  const fixes = opts.fix
    ? findings.map((f, i) =>
        f.severity !== 'error' || !expected
          ? []
          : fixCommands(f, origins[i], {
              platform,
              shell: f.shells.length === 1 ? (f.shells[0] as ShellName) : undefined,
              gorootBin: expected.gorootBin,
              gopathBin: expected.gopathBin,
            }),
      )
    : undefined
  if (opts.json) {
    write(
      reportJson({
        code: v.code,
        verdict: v,
        expected,
        findings,
        check,
        extra: { goBinary, mode: opts.as, attribution, ...(fixes ? { fixes } : {}) },
      }),
    )
  } else {
    write(renderText({ verdict: v, mode: opts.as, expected, check, findings, attribution, fixes }))
  }
  return v.processCode
}
