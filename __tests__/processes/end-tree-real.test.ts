/**
 * Nothing a probed shell started outlives its probe, with real shells on Linux: startup
 * files whose children ignore SIGTERM, fork twice, start sessions of their own and run as
 * jobs, in many rounds at once, on a machine kept busy by two processes that only spin.
 * Each probe is checked the moment it returns: no waiting in the test.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { scratchDir } from '../helpers/scratch.js'
import path from 'node:path'
import { fishShell } from '../../src/shells/fish.js'
import { bashShell, shShell, zshShell } from '../../src/shells/posix.js'
import { probeShell } from '../../src/shells/probe.js'
import { pwshShell } from '../../src/shells/pwsh.js'
import type { ShellAdapter } from '../../src/shells/types.js'
import { runProcess } from '../../src/processes/run.js'
import { basePathWithoutGo } from '../helpers/action.js'
import { itWith, toolPath } from '../helpers/tools.js'

const ROUNDS = 8

/** Running: listed in /proc and not a zombie (this machine's PID 1 may never collect one). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0])
  } catch {
    return false
  }
}

const pidsIn = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number)

/**
 * What a hostile startup file starts (sh syntax, which bash and zsh read alike): a job
 * ignoring SIGTERM, a double fork, a new session, and a new session whose own child is
 * left behind. Each writes its pid into `pids` before it sleeps.
 */
const posixRc = (pids: string, hang: boolean) =>
  [
    `trap '' TERM HUP`,
    `sleep 600 & echo $! >> '${pids}'`,
    `( trap '' TERM HUP; sleep 600 & echo $! >> '${pids}' ) &`,
    `setsid sh -c 'trap "" TERM HUP; echo $$ >> "$1"; exec sleep 600' sh '${pids}' &`,
    `( setsid sh -c 'sleep 600 & echo $! >> "$1"; echo $$ >> "$1"; wait' sh '${pids}' & ) &`,
    // the last one forks and writes before the rc goes on: a probe that ends at once still
    // has its double fork listed
    `sh -c 'setsid sleep 600 & echo $! >> "$1"' sh '${pids}'`,
    ...(hang ? ['sleep 600'] : []),
    '',
  ].join('\n')

const fishRc = (pids: string) =>
  [
    `sleep 600 &`,
    `echo $last_pid >> '${pids}'`,
    `sh -c 'setsid sh -c "echo \\$\\$ >> \\"\\$1\\"; exec sleep 600" sh "$1" &' sh '${pids}'`,
    `sh -c 'setsid sleep 600 & echo $! >> "$1"' sh '${pids}'`,
    '',
  ].join('\n')

const pwshProfile = (pids: string) =>
  [
    `& sh -c 'trap "" TERM; sleep 600 & echo $! >> "$1"' sh '${pids}'`,
    `& sh -c 'setsid sleep 600 & echo $! >> "$1"' sh '${pids}'`,
    '',
  ].join('\n')

interface Case {
  name: string
  adapter: ShellAdapter
  mode: 'terminal' | 'runner'
  write: (home: string, pids: string) => void
  timeoutMs: number
  status: string
}

function home(root: string): string {
  const h = path.join(root, 'home')
  mkdirSync(h, { recursive: true })
  return h
}

const put = (file: string, text: string) => {
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, text)
}

const CASES: Case[] = [
  {
    name: 'an interactive bash with a terminal whose ~/.bashrc starts them',
    adapter: bashShell('linux'),
    mode: 'terminal',
    write: (h, pids) => put(path.join(h, '.bashrc'), posixRc(pids, false)),
    timeoutMs: 60_000,
    status: 'ok',
  },
  {
    name: 'an interactive bash whose ~/.bashrc starts them and then hangs',
    adapter: bashShell('linux'),
    mode: 'terminal',
    write: (h, pids) => put(path.join(h, '.bashrc'), posixRc(pids, true)),
    timeoutMs: 3_000,
    status: 'timeout',
  },
  {
    name: 'an interactive bash whose ~/.bashrc keeps starting sessions of their own until it is killed',
    adapter: bashShell('linux'),
    mode: 'terminal',
    write: (h, pids) =>
      put(
        path.join(h, '.bashrc'),
        `while :; do setsid sh -c 'echo $$ >> "$1"; exec sleep 600' sh '${pids}' & done\n`,
      ),
    timeoutMs: 1_500,
    status: 'timeout',
  },
  {
    name: "a runner's sh step whose ENV file is not read, with a BASH_ENV that starts them (bash)",
    adapter: bashShell('linux'),
    mode: 'runner',
    write: (h, pids) => put(path.join(h, 'bash_env.sh'), posixRc(pids, false)),
    timeoutMs: 60_000,
    status: 'ok',
  },
  {
    name: 'an interactive sh whose $ENV file starts them',
    adapter: shShell,
    mode: 'terminal',
    write: (h, pids) => put(path.join(h, '.shrc'), posixRc(pids, false)),
    timeoutMs: 60_000,
    status: 'ok',
  },
]

const TOOL_CASES: Array<Case & { tool: 'zsh' | 'fish' | 'pwsh' }> = [
  {
    tool: 'zsh',
    name: 'an interactive zsh whose ~/.zshrc starts them',
    adapter: zshShell('linux'),
    mode: 'terminal',
    write: (h, pids) => put(path.join(h, '.zshrc'), posixRc(pids, false)),
    timeoutMs: 60_000,
    status: 'ok',
  },
  {
    tool: 'fish',
    name: 'an interactive fish whose config.fish starts them',
    adapter: fishShell('linux'),
    mode: 'terminal',
    write: (h, pids) => put(path.join(h, '.config', 'fish', 'config.fish'), fishRc(pids)),
    timeoutMs: 60_000,
    status: 'ok',
  },
  {
    tool: 'pwsh',
    name: "a pwsh step whose profile starts them (the runner's launch loads profiles)",
    adapter: pwshShell('linux'),
    mode: 'runner',
    write: (h, pids) =>
      put(
        path.join(h, '.config', 'powershell', 'Microsoft.PowerShell_profile.ps1'),
        pwshProfile(pids),
      ),
    timeoutMs: 90_000,
    status: 'ok',
  },
]

/** One probe; the moment it returns, every pid its startup file wrote is checked. */
async function oneRound(c: Case): Promise<{ status: string; started: number; running: number[] }> {
  const root = scratchDir('gpa-end-tree-')
  const h = home(root)
  const pids = path.join(root, 'pids')
  writeFileSync(pids, '')
  c.write(h, pids)
  const pwsh = toolPath('pwsh')
  const env: NodeJS.ProcessEnv = {
    PATH: `${pwsh ? `${path.dirname(pwsh)}:` : ''}${basePathWithoutGo()}`,
    HOME: h,
    ENV: path.join(h, '.shrc'),
    ...(c.mode === 'runner' && c.adapter.name === 'bash'
      ? { BASH_ENV: path.join(h, 'bash_env.sh') }
      : {}),
  }
  const r = await probeShell(c.adapter, {
    env,
    platform: 'linux',
    tempDir: root,
    cwd: root,
    timeoutMs: c.timeoutMs,
    launch: { mode: c.mode },
  })
  const started = pidsIn(pids)
  return { status: r.status, started: started.length, running: started.filter(running) }
}

describe('a probed shell leaves nothing running (Linux, real shells, a busy machine)', () => {
  const spinners: ChildProcess[] = []
  beforeAll(() => {
    for (let i = 0; i < 2; i++)
      spinners.push(spawn('sh', ['-c', 'while :; do :; done'], { stdio: 'ignore' }))
  })
  afterAll(() => {
    for (const s of spinners) s.kill('SIGKILL')
  })

  const rounds = async (c: Case, n: number) => {
    const results = await Promise.all(Array.from({ length: n }, () => oneRound(c)))
    for (const r of results) {
      expect(r.status).toBe(c.status)
      expect(r.running).toEqual([])
    }
    // the startup files did start what they were meant to (in at least one round, all of it)
    expect(Math.max(...results.map((r) => r.started))).toBeGreaterThanOrEqual(2)
  }

  for (const c of CASES) it(`${c.name}: ${ROUNDS} rounds at once`, () => rounds(c, ROUNDS), 180_000)
  for (const c of TOOL_CASES)
    itWith([c.tool], `${c.name}: ${c.tool === 'pwsh' ? 3 : ROUNDS} rounds at once`, () =>
      rounds(c, c.tool === 'pwsh' ? 3 : ROUNDS),
    )

  it('a process that is not a shell: its group ends before runProcess resolves', async () => {
    const root = scratchDir('gpa-end-tree-')
    const pids = path.join(root, 'pids')
    for (let i = 0; i < ROUNDS; i++) {
      const r = await runProcess(
        'sh',
        ['-c', `trap '' TERM; sleep 600 & echo $! >> '${pids}'; sleep 600`],
        { env: { PATH: basePathWithoutGo() }, timeoutMs: 500 },
      )
      expect(r.timedOut).toBe(true)
      expect(pidsIn(pids).filter(running)).toEqual([])
    }
  })
})

describe('a child that says it has answered (a shell in a terminal, after its records)', () => {
  it('is ended at once when its stdout shows the text, also split across two writes: exit code 0, what it printed kept, what it started gone', async () => {
    const root = scratchDir('gpa-answered-')
    const pids = path.join(root, 'pids')
    const r = await runProcess(
      'sh',
      [
        '-c',
        `sleep 600 & echo $! >> '${pids}'; echo before; printf 'GPA1:ANS'; sleep 0.2; printf 'WERED\\n'; sleep 600`,
      ],
      { env: { PATH: basePathWithoutGo() }, timeoutMs: 60_000, answeredWhen: 'GPA1:ANSWERED' },
    )
    expect(r.timedOut).toBe(false)
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toContain('before\nGPA1:ANSWERED')
    expect(pidsIn(pids).filter(running)).toEqual([])
  })
})
