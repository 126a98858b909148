import { execFile } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { describeError, InputError } from './errors.js'
import {
  DEFAULT_BASE_URL,
  parseFailOn,
  parseShells,
  type Category,
  type ShellName,
} from './inputs.js'
import { createFetcher } from './go/http.js'
import { parseArch } from './go/platform.js'
import { setupWsl, wslExpected } from './wsl/setup.js'
import { MEANING } from './check/exit-code.js'
import { realpathOrNull, runCheck, type CheckReport } from './check/run-check.js'
import { whichAll } from './env/which.js'
import { goEnv } from './go/go-env.js'
import { goToSemver } from './go/version.js'
import { reportJson } from './report/report.js'
import { pathRows } from './report/summary.js'
import { parseRegQuery, sourceOf, type PathSources } from './report/registry.js'

export interface CliOptions {
  shells: 'auto' | ShellName[]
  json: boolean
  failOn: Category[]
  workingDirectory: string
  timeoutMs: number
  checkModules: boolean
}

export const USAGE = `usage: go-path-arbiter [options]

Checks that every shell on this machine sees the same Go as the go on PATH.

  --shells LIST         auto (default) or a comma list of cmd,pwsh,powershell,bash,sh,zsh,wsl
  --fail-on LIST        any (default), never, or a comma list of config,toolchain,module
  --json                print the JSON report instead of the text report
  --working-directory D where go.mod is looked for (default: .)
  --probe-timeout S     seconds per shell probe (default: 60)
  --no-modules          skip the go.mod / go.sum checks
  -h, --help            this text

Exit codes: 0 consistent, 1 environment configuration, 2 toolchain anomaly, 3 module inconsistency.`

/** Parses the command line (pure); errors name the option and the value. */
export function parseCli(argv: string[]): CliOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      shells: { type: 'string' },
      'fail-on': { type: 'string' },
      json: { type: 'boolean' },
      'working-directory': { type: 'string' },
      'probe-timeout': { type: 'string' },
      'no-modules': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) return 'help'
  const timeout = Number(values['probe-timeout'] ?? '60')
  if (!Number.isFinite(timeout) || timeout <= 0) {
    throw new InputError(
      `--probe-timeout: "${values['probe-timeout']}" is not a positive number of seconds`,
    )
  }
  return {
    shells: parseShells(values.shells ?? 'auto', '--shells'),
    failOn: parseFailOn(values['fail-on'] ?? 'any', '--fail-on'),
    json: values.json ?? false,
    workingDirectory: values['working-directory'] ?? '.',
    timeoutMs: Math.round(timeout * 1000),
    checkModules: !values['no-modules'],
  }
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length))

/** The text report for a terminal (pure). */
export function renderText(
  r: CheckReport,
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  sources?: PathSources,
): string {
  const out: string[] = []
  out.push(`go-path-arbiter: exit code ${r.code} (${MEANING[r.code]})`)
  out.push(`Go ${r.expected.version} at ${r.expected.goroot}  GOPATH ${r.expected.gopath}`, '')
  out.push('shells:')
  for (const p of r.probes) {
    const e = p.goEnv ?? {}
    out.push(
      `  ${pad(p.shell, 11)}${pad(p.status, 8)}${p.status === 'ok' ? `go=${p.hits.go[0] ?? '(none)'}  ${e.GOVERSION ?? ''}  GOROOT=${e.GOROOT ?? '?'}` : (p.detail ?? '')}`,
    )
  }
  const rows = pathRows({
    platform,
    expected: r.expected,
    probes: r.probes,
    env,
    realpath: realpathOrNull,
  })
  const shells = r.probes.filter((p) => p.status === 'ok').map((p) => p.shell)
  out.push('', `PATH (position in ${shells.join(' / ')}${sources ? '; where it is set' : ''}):`)
  for (const row of rows) {
    const pos = shells.map((s) => pad(row.positions[s]?.join(',') ?? '-', 5)).join('')
    const src = sources ? pad(sourceOf(row.entry, sources, env), 9) : ''
    const notes = [row.holdsGo ? 'go' : '', row.role, ...row.problems].filter(Boolean).join(', ')
    out.push(`  ${pos}${src}${row.entry}${notes ? `   [${notes}]` : ''}`)
  }
  out.push('', r.findings.length ? 'findings:' : 'no findings: every probed shell sees the same Go')
  for (const f of r.findings) {
    out.push(
      `  ${f.severity.toUpperCase()} ${f.id} (${f.category})${f.shells.length ? ` [${f.shells.join(', ')}]` : ''}: ${f.message}`,
    )
    out.push(`    fix: ${f.hint}`)
  }
  return `${out.join('\n')}\n`
}

function regQuery(key: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      'reg',
      ['query', key, '/v', 'Path'],
      { windowsHide: true, timeout: 10_000 },
      (_err, stdout) => resolve(stdout ?? ''),
    )
  })
}

/** On Windows: the machine and user PATH from the registry. */
async function registrySources(): Promise<PathSources> {
  const [machine, user] = await Promise.all([
    regQuery('HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment'),
    regQuery('HKCU\\Environment'),
  ])
  return { machine: parseRegQuery(machine), user: parseRegQuery(user) }
}

/** Runs the check from a terminal; resolves to the process exit code. */
export async function cliMain(
  argv: string[],
  write: (s: string) => void = (s) => process.stdout.write(s),
): Promise<number> {
  let opts: CliOptions | 'help'
  try {
    opts = parseCli(argv)
  } catch (err) {
    write(`go-path-arbiter: ${describeError(err)}\n\n${USAGE}\n`)
    return 1
  }
  if (opts === 'help') {
    write(`${USAGE}\n`)
    return 0
  }
  const platform = process.platform
  const env = process.env
  const goBinary = whichAll('go', env, platform)[0]
  if (!goBinary) {
    write(
      'go-path-arbiter: exit code 1 (environment configuration)\nno go on PATH: install Go or add its bin folder to PATH\n',
    )
    return 1
  }
  let ge: Record<string, string> | null = null
  let geError: string | undefined
  try {
    ge = await goEnv(goBinary, env)
  } catch (err) {
    geError = describeError(err)
  }
  const goroot = ge?.GOROOT || path.resolve(path.dirname(goBinary), '..')
  const version = goToSemver(ge?.GOVERSION ?? '') ?? '0.0.0'
  const tempDir = path.join(os.tmpdir(), 'go-path-arbiter')
  const wsl = await setupWsl(
    {
      wsl: 'auto',
      shells: opts.shells,
      wslDistribution: '',
      arch: parseArch(process.arch, 'process.arch'),
      downloadBaseUrl: DEFAULT_BASE_URL,
    },
    {
      platform,
      env,
      version,
      temp: os.tmpdir(),
      fetcher: createFetcher('', () => {}),
      timeoutMs: opts.timeoutMs,
      log: () => {},
      lookOnly: true,
    },
  )
  const report = await runCheck({
    platform,
    env,
    expected: {
      goroot,
      gopath: ge?.GOPATH ?? '',
      gotoolchain: null,
      version,
      goBinary: path.join(goroot, 'bin', path.basename(goBinary)),
      perShell: wslExpected(wsl.tree),
    },
    goEnv: ge,
    goEnvError: geError,
    shells: opts.shells,
    timeoutMs: opts.timeoutMs,
    tempDir,
    workingDirectory: path.resolve(opts.workingDirectory),
    checkModules: opts.checkModules,
    failOn: opts.failOn,
    extraAdapters: { wsl: wsl.adapter ?? null },
    unavailable: wsl.unavailable ? { wsl: wsl.unavailable } : undefined,
  })
  if (opts.json) write(reportJson(report, { goBinary }))
  else
    write(
      renderText(report, platform, env, platform === 'win32' ? await registrySources() : undefined),
    )
  return report.fail ? report.code : 0
}
