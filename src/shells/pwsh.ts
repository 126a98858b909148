import { psQuote } from '../base/text.js'
import { fnSite, goKind } from './posix.js'
import { unwrapped } from './wrapper.js'
import { answeredLine, pwshRecordsStart, recordsRedirect } from './pty.js'
import { recordMap, viewFromRecords } from './records.js'
import { scriptText } from './scripts.js'
import { parsePwshTrace } from './trace.js'
import {
  ENV_NAMES,
  type Launch,
  type ShellAdapter,
  type ShellOutput,
  type ShellView,
} from './types.js'

/**
 * The probe file. As the runner writes a pwsh / powershell step: `$ErrorActionPreference =
 * 'stop'` first, the exit code of the last native command last; the profiles load before
 * it (the runner passes no -NoProfile). A terminal runs the probe alone. A traced start
 * (a terminal's, or a runner step's for the attribution) runs with -NoProfile and
 * dot-sources the profiles itself first (scripts/pwsh-start.ps1), before the runner's
 * wrapper, as the shell would.
 */
export function pwshProbeScript(marker: string, launch: Launch = { mode: 'runner' }): string {
  const probe = scriptText('pwsh-probe.ps1', marker)
  const start =
    launch.mode !== 'runner' || launch.trace ? [scriptText('pwsh-start.ps1', marker)] : []
  const body =
    launch.mode === 'runner'
      ? [
          "$ErrorActionPreference = 'stop'",
          probe,
          'if ((Test-Path -LiteralPath variable:\\LASTEXITCODE)) { exit $LASTEXITCODE }',
        ]
      : [probe]
  // in a terminal the records go to their own file: the start-up's through the writer
  // opened first, the probe's through Console.Out once the profiles have run (what they
  // show goes to the terminal, as a person's would)
  const records = launch.records
    ? {
        open: [recordsRedirect('pwsh', launch.records)],
        probe: [pwshRecordsStart],
        end: [answeredLine('pwsh', marker)],
      }
    : { open: [], probe: [], end: [] }
  // started before its environment was known: the hand-over first of all (env-handoff.ts)
  const handoff = launch.envFile
    ? [`$__gpaEnvFile = ${psQuote(launch.envFile)}`, scriptText('pwsh-env.ps1', marker)]
    : []
  return [
    ...handoff,
    ...records.open,
    ...start,
    ...records.probe,
    ...body,
    ...records.end,
    '',
  ].join('\n')
}

export function parsePwsh(out: ShellOutput, marker: string, traced = false): ShellView {
  const rec = recordMap(out.stdout, marker)
  const kind = rec.has('KIND') ? goKind(rec.get('KIND') ?? '') : undefined
  const seen: ShellView = {
    path: rec.get('PATH') ?? '',
    pathext: rec.get('PATHEXT') || undefined,
    profiles: (rec.get('PROFILES') ?? '').split('\n').filter(Boolean),
    resolved: (rec.get('WHICH') ?? '').trim(),
    kind,
    ...viewFromRecords(rec, ENV_NAMES),
  }
  const view = unwrapped(seen, rec.get('FNBODY'), (rec.get('FNRUNS') ?? '').trim())
  if (traced) {
    // a BLOCKED record repeats for each profile the execution policy stopped
    const blocked: string[] = []
    const lines = out.stdout.split(/\r?\n/)
    for (let i = 0; i < lines.length - 1; i++)
      if (lines[i] === `${marker}:BLOCKED`) blocked.push(lines[i + 1])
    const trace = parsePwshTrace(rec.get('TRACE') ?? '', blocked)
    const site = fnSite(rec.get('FNSITE') ?? '')
    view.trace = site ? { ...trace, fnSite: site } : trace
  }
  return view
}

/** The runner quotes the script path in single quotes: a quote inside is doubled. */
export function pwshCommand(file: string): string {
  return `. ${psQuote(file)}`
}

function pwshLike(name: 'pwsh' | 'powershell', platform: NodeJS.Platform): ShellAdapter {
  const traces = (l: Launch) => l.mode !== 'runner' || !!l.trace
  return {
    name,
    command: name,
    extension: '.ps1',
    pathStyle: platform === 'win32' ? 'win32' : 'posix',
    traces,
    script: (m, l) => {
      const text = pwshProbeScript(m, l)
      return platform === 'win32' ? text.replace(/\n/g, '\r\n') : text
    },
    args: (file, l) =>
      l.mode === 'runner'
        ? [...(l.trace ? ['-NoProfile'] : []), '-command', pwshCommand(file)]
        : ['-NoProfile', '-NoLogo', '-Command', pwshCommand(file)],
    parse: (out, marker, launch) => parsePwsh(out, marker, traces(launch)),
    // a new terminal's pwsh outside Windows (where a login session comes first)
    handsOver: (l) => platform !== 'win32' && l.mode === 'terminal',
  }
}

export const pwshShell = (platform: NodeJS.Platform) => pwshLike('pwsh', platform)
export const powershellShell = (platform: NodeJS.Platform) => pwshLike('powershell', platform)
