import { unwrapped } from './wrapper.js'
import { recordMap, viewFromRecords } from './records.js'
import { fnSite, goKind, hitsOf, parseEnvDump } from './posix.js'
import { answeredLine, fishRecordsEnd, recordsRedirect } from './pty.js'
import { joinScripts, scriptText } from './scripts.js'
import { parseFishTrace } from './trace.js'
import {
  ENV_NAMES,
  type Launch,
  type LaunchEnv,
  type ShellAdapter,
  type ShellOutput,
  type ShellView,
} from './types.js'

/**
 * What fish printed. The records are the POSIX probe's, written in fish
 * (scripts/fish-probe.fish); `FISHDIRS` (fish's data folder and HOME) tells the trace
 * reader which stack frames are fish's own.
 */
export function parseFish(out: ShellOutput, marker: string, traced: boolean): ShellView {
  const rec = recordMap(out.stdout, marker)
  const kind = rec.has('KIND') ? goKind(rec.get('KIND') ?? '') : undefined
  const which = (rec.get('WHICH') ?? '').trim()
  const seen: ShellView = {
    path: rec.get('PATH') ?? '',
    resolved: kind === undefined || kind === 'file' ? which : kind === 'none' ? '' : `${kind} go`,
    kind,
    hits: hitsOf(out.stdout, marker),
    ...viewFromRecords(rec, ENV_NAMES),
  }
  const view = unwrapped(seen, rec.get('FNBODY'))
  if (rec.has('ENV0')) view.envDump = parseEnvDump(rec.get('ENV0') ?? '')
  if (traced) {
    const [dataDir = '', home = ''] = (rec.get('FISHDIRS') ?? '').split('\n')
    const trace = parseFishTrace(out.stderr, marker, home, dataDir)
    const site = fnSite(rec.get('FNSITE') ?? '')
    const [uvars, ...userPaths] = rec.has('FISHUSERPATHS')
      ? (rec.get('FISHUSERPATHS') ?? '').split('\n')
      : []
    view.trace = {
      ...trace,
      ...(site ? { fnSite: site } : {}),
      fish: {
        dataDir,
        ...(uvars ? { userPaths: { file: uvars, entries: userPaths.filter(Boolean) } } : {}),
      },
    }
  }
  return view
}

/**
 * fish, as `shell: fish {0}` runs it (fish reads its config files even then), as a
 * terminal starts it (interactive; login too on macOS) and as a login session. A traced
 * start runs with --no-config and reads the files itself (scripts/fish-start.fish), in
 * fish's order, its universal variables first.
 */
export function fishShell(platform: NodeJS.Platform): ShellAdapter {
  const traces = (l: Launch) => l.mode !== 'runner'
  return {
    name: 'fish',
    command: 'fish',
    extension: '.fish',
    pathStyle: 'posix',
    traces,
    script: (m, l) =>
      !traces(l)
        ? scriptText('fish-probe.fish', m)
        : l.records
          ? joinScripts(['fish-start.fish'], m) +
            recordsRedirect('fish', l.records) +
            joinScripts(['fish-probe.fish'], m) +
            fishRecordsEnd(l.records) +
            answeredLine('fish', m)
          : joinScripts(['fish-start.fish', 'fish-probe.fish'], m),
    args: (f, l) =>
      l.mode === 'runner'
        ? [f]
        : l.mode === 'session'
          ? ['--no-config', '-l', f]
          : platform === 'darwin'
            ? ['--no-config', '-l', '-i', f]
            : ['--no-config', '-i', f],
    launchEnv: (_m, l): LaunchEnv => (l.mode === 'session' ? { GPA_ENV_DUMP: '1' } : {}),
    parse: (out, marker, launch) => parseFish(out, marker, traces(launch)),
  }
}
