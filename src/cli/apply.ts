/**
 * `--apply` and `--undo` (I/O around the pure plan): show every change, ask (or take
 * --yes), write the journal, make the changes, then check new terminals again and say,
 * finding by finding, what is fixed and what is left.
 */
import { createInterface } from 'node:readline/promises'
import { shownPath } from '../base/origin.js'
import type { ExitCode } from '../base/types.js'
import type { Finding } from '../findings/catalog.js'
import { MEANING, verdict } from '../findings/exit-code.js'
import { applyPlan, undoEntry } from './fixes/apply.js'
import { planContext } from './fixes/context.js'
import { planFixes, type FixPlan } from './fixes/plan.js'
import { showPlan } from './fixes/show.js'
import type { TerminalRun } from './terminal/types.js'
import type { CliOptions } from './args.js'
import { homeOf } from '../base/home.js'

export interface ApplyIo {
  out: (s: string) => void
  err: (s: string) => void
  /** asks a yes/no question on the terminal; undefined when there is none to ask on */
  ask?: (question: string) => Promise<boolean>
}

/** A yes typed at the terminal: only when stdin and stderr are one. */
export function terminalAsk(): ApplyIo['ask'] {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr })
    try {
      return /^y(es)?$/i.test((await rl.question(question)).trim())
    } finally {
      rl.close()
    }
  }
}

/** The home folder of the new terminals (`~` in what --apply shows). */
export const runHome = (run: TerminalRun) => homeOf(run.start.env, process.platform)

/** The environment the startup files are named from: the login session's, else the login one. */
const namingEnv = (run: TerminalRun) => run.session?.probe.view?.envDump ?? run.start.env

export async function planHere(run: TerminalRun, env: NodeJS.ProcessEnv, system: boolean) {
  return planFixes(run, await planContext(env, namingEnv(run), process.platform, system))
}

const key = (f: Finding) => `${f.id} ${[...f.shells].sort().join(',')}`

/** Each finding before, fixed or left; and any finding the change brought. */
export function compareFindings(before: Finding[], after: Finding[]): string[] {
  const left = new Map(after.map((f) => [key(f), f]))
  const was = new Set(before.map(key))
  const line = (word: string, f: Finding) =>
    `  ${word}  ${f.id}${f.shells.length ? ` [${f.shells.join(', ')}]` : ''}: ${f.message}`
  // a finding that is left is said as the check now says it
  const lines = before
    .filter((f) => f.severity !== 'notice')
    .map((f) => (left.has(key(f)) ? line('left ', left.get(key(f))!) : line('fixed', f)))
  for (const f of after.filter((x) => !was.has(key(x)) && x.severity !== 'notice')) {
    lines.push(line('new  ', f))
  }
  return lines
}

async function goAhead(opts: CliOptions, io: ApplyIo, plan: FixPlan): Promise<boolean> {
  if (opts.yes) return true
  if (!io.ask) {
    io.out('Nothing was changed: add --yes to make these changes.\n')
    return false
  }
  const yes = await io.ask(
    `Make ${plan.changes.length === 1 ? 'this change' : `these ${plan.changes.length} changes`}? [y/N] `,
  )
  if (!yes) io.out('Nothing was changed.\n')
  return yes
}

export async function applyCommand(
  opts: CliOptions,
  env: NodeJS.ProcessEnv,
  io: ApplyIo,
  run: TerminalRun,
  recheck: () => Promise<{ run?: TerminalRun; findings: Finding[] }>,
): Promise<ExitCode> {
  const plan = await planHere(run, env, opts.system)
  const home = runHome(run)
  const before = verdict(run.findings, opts.failOn)
  io.out(
    `go-path-arbiter --apply: the reference is Go ${run.expected.version} at ${run.reference.program} (${run.reference.how})\n`,
  )
  const shown = showPlan(plan, home)
  if (shown.length) io.out(`${shown.join('\n')}\n`)
  if (plan.changes.length === 0) {
    io.out(
      `Nothing to change. The check's exit code is ${before.processCode} (${MEANING[before.processCode]}).\n`,
    )
    return before.processCode
  }
  if (!(await goAhead(opts, io, plan))) return before.processCode
  const applied = await applyPlan(plan.changes, { env, platform: process.platform })
  io.out(
    `Changed (journal ${applied.id} in ${shownPath(applied.journal, home)}; undo with go-path-arbiter --undo):\n`,
  )
  for (const r of applied.results) {
    const what =
      r.change.kind === 'file'
        ? shownPath(r.change.path, home)
        : `${r.change.key}\\${r.change.name}`
    io.out(`  ${r.ok ? '✓' : '✗'} ${what}${r.ok ? '' : `: ${r.detail}`}\n`)
  }
  if (applied.broadcast) io.out(`  ${applied.broadcast}\n`)
  const again = await recheck()
  const after = verdict(again.findings, opts.failOn)
  io.out(
    `New terminals checked again: exit code ${after.processCode} (${MEANING[after.processCode]})\n`,
  )
  const compared = compareFindings(run.findings, again.findings)
  if (compared.length) io.out(`${compared.join('\n')}\n`)
  return after.processCode
}

export async function undoCommand(
  opts: CliOptions,
  env: NodeJS.ProcessEnv,
  io: ApplyIo,
): Promise<ExitCode> {
  const r = await undoEntry(
    { env, platform: process.platform },
    opts.undo === true ? undefined : opts.undo,
  )
  if (r.refused) {
    io.err(`go-path-arbiter --undo: ${r.refused}\n`)
    return 1
  }
  const home = homeOf(env, process.platform)
  io.out(`Undid ${r.entry!.id}:\n`)
  for (const x of r.restored) io.out(`  restored ${shownPath(x, home)}\n`)
  for (const x of r.unchanged) io.out(`  already as before: ${shownPath(x, home)}\n`)
  for (const x of r.failed) io.out(`  ✗ ${x}\n`)
  if (r.broadcast) io.out(`  ${r.broadcast}\n`)
  return r.failed.length > 0 ? 1 : 0
}
