/**
 * `--apply` and `--undo` (I/O around the pure plan): show every change, ask (or take
 * --yes), write the journal, make the changes, then check new terminals again and say,
 * finding by finding, what is fixed and what is left.
 */
import { createInterface } from 'node:readline'
import { shownPath } from '../base/origin.js'
import type { ExitCode } from '../base/types.js'
import type { Finding } from '../findings/catalog.js'
import { MEANING, verdict } from '../findings/exit-code.js'
import { applyPlan, undoEntry } from './fixes/apply.js'
import { sortFindings } from './fixes/routes.js'
import { WSL_STARTUP_FILES, wslPathDirs, type WslFixContext } from './fixes/wsl-plan.js'
import type { DistroFiles } from '../wsl/startup-files.js'
import { wslDistroFiles } from '../wsl/distro-files.js'
import { planContext } from './fixes/context.js'
import { planFixes, type FixPlan } from './fixes/plan.js'
import { changeName, showPlan } from './fixes/show.js'
import type { TerminalRun } from './terminal/types.js'
import { describeCandidate } from './terminal/candidates.js'
import type { CliOptions } from './args.js'
import { homeOf } from '../base/home.js'

export interface ApplyIo {
  out: (s: string) => void
  err: (s: string) => void
  /** asks a yes/no question on the terminal; undefined when there is none to ask on */
  ask?: (question: string) => Promise<boolean>
  /** asks for a number from 1 to `count` (undefined: none given); undefined when no terminal */
  choose?: (question: string, count: number) => Promise<number | undefined>
}

/**
 * The lines typed at the terminal, for the prompts of one run: one reader for all of them,
 * so that what was typed ahead answers the next prompt, and an end of input (Ctrl+D) is no
 * answer rather than an error.
 */
interface Prompts {
  ask(text: string): Promise<string | undefined>
  close(): void
}
let prompts: Prompts | undefined

function terminalPrompts(): Prompts {
  if (prompts) return prompts
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  const typed: string[] = []
  const waiting: Array<(line: string | undefined) => void> = []
  let ended = false
  rl.on('line', (line) => {
    const w = waiting.shift()
    if (w) w(line.trim())
    else typed.push(line.trim())
  })
  rl.on('close', () => {
    ended = true
    for (const w of waiting.splice(0)) w(undefined)
  })
  prompts = {
    ask: (text) => {
      rl.setPrompt(text)
      rl.prompt()
      if (typed.length > 0) return Promise.resolve(typed.shift())
      if (ended) return Promise.resolve(undefined)
      return new Promise((resolve) => waiting.push(resolve))
    },
    // a paused terminal stdin can still hold the process (input typed before the first
    // prompt, its end included): nothing more is read from it
    close: () => {
      rl.close()
      process.stdin.destroy()
    },
  }
  return prompts
}

/** The prompts are done (the terminal's input is let go, so that the process can end). */
export function endPrompts(): void {
  prompts?.close()
  prompts = undefined
}

const question = async (text: string) => (await terminalPrompts().ask(text)) ?? ''

const onTerminal = () => !!process.stdin.isTTY && !!process.stderr.isTTY

/** A yes typed at the terminal. */
export function terminalAsk(): ApplyIo['ask'] {
  if (!onTerminal()) return undefined
  return async (text) => /^y(es)?$/i.test(await question(text))
}

/** A number typed at the terminal, from 1 to count. */
export function terminalChoose(): ApplyIo['choose'] {
  if (!onTerminal()) return undefined
  return async (text, count) => {
    const n = Number(await question(text))
    return Number.isInteger(n) && n >= 1 && n <= count ? n : undefined
  }
}

/**
 * New terminals run different Gos and nothing declares which: --apply lists them and asks
 * which one every shell should run (a numbered choice). With --yes, or with no terminal to
 * ask on, it changes nothing and names the option that chooses. The program chosen, or
 * undefined.
 */
export async function chooseGo(
  run: TerminalRun,
  opts: CliOptions,
  io: ApplyIo,
): Promise<string | undefined> {
  const u = run.undecided!
  const home = runHome(run)
  const usable = u.candidates.filter((g) => !g.broken)
  io.out(`go-path-arbiter --apply: no reference: ${u.why}:\n`)
  u.candidates.forEach((g, i) =>
    io.out(`  [${i + 1}] ${describeCandidate(g, (w) => shownPath(w, home))}\n`),
  )
  const refuse = () => {
    io.out(
      `Nothing was changed: choose the Go every shell should run with --go PATH|VERSION (${usable.map((g) => shownPath(g.program, home)).join(', ')}), or declare it (go.mod's go or toolchain line, a GOTOOLCHAIN in .go-env).\n`,
    )
    return undefined
  }
  if (opts.yes || !io.choose) return refuse()
  const n = await io.choose(
    `Which Go should every new terminal run? [1-${u.candidates.length}, or Enter for none] `,
    u.candidates.length,
  )
  const pick = n ? u.candidates[n - 1] : undefined
  if (!pick) return refuse()
  if (pick.broken) {
    io.out(`Nothing was changed: ${pick.program} does not work (${pick.broken}).\n`)
    return undefined
  }
  return pick.program
}

/** The home folder of the new terminals (`~` in what --apply shows). */
export const runHome = (run: TerminalRun) => homeOf(run.start.env, process.platform)

/** The environment the startup files are named from: the login session's, else the login one. */
const namingEnv = (run: TerminalRun) => run.session?.probe.view?.envDump ?? run.start.env

/**
 * Windows: what --apply needs from inside each WSL distribution (its startup files and its
 * Linux Gos), looked at through wsl.exe only when a finding of its row goes to its block.
 */
export async function lookInWsl(
  run: TerminalRun,
  distro: (distribution: string) => DistroFiles,
): Promise<WslFixContext[]> {
  const wanted = sortFindings(run, 'win32').wsl
  const rows = (run.wsl ?? []).filter((r) => wanted.has(r.shell))
  return Promise.all(
    rows.map(async ({ shell, distribution, mountRoot }): Promise<WslFixContext> => {
      try {
        const files = distro(distribution)
        const look = await files.look(WSL_STARTUP_FILES, wslPathDirs(run, shell, mountRoot))
        return { shell, distribution, look }
      } catch (err) {
        return { shell, distribution, look: { failed: (err as Error).message } }
      }
    }),
  )
}

export async function planHere(
  run: TerminalRun,
  env: NodeJS.ProcessEnv,
  system: boolean,
  distro: (distribution: string) => DistroFiles = wslDistroFiles(env),
) {
  const c = await planContext(env, namingEnv(run), process.platform, system)
  const wsl = process.platform === 'win32' ? await lookInWsl(run, distro) : undefined
  return planFixes(run, { ...c, wsl })
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
    const what = changeName(r.change, home)
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
