/** The process listing and what belongs to a tree, as tables (pure). */
import { describe, expect, it } from '@jest/globals'
import { scratchDir } from '../helpers/scratch.js'
import {
  belongingTo,
  environHolds,
  parseProcStat,
  parsePs,
  type Proc,
} from '../../src/processes/process-tree.js'
import {
  endPosixWith,
  stillRunning,
  taskkillPids,
  type TreeIo,
} from '../../src/processes/end-tree.js'

const p = (
  pid: number,
  ppid: number,
  pgid: number,
  sid: number,
  more: Partial<Proc> = {},
): Proc => ({
  pid,
  ppid,
  pgid,
  sid,
  name: `p${pid}`,
  ...more,
})

describe('/proc/<pid>/stat and ps', () => {
  const stat = (comm: string, state: string) =>
    `4242 (${comm}) ${state} 4200 4242 4100 34816 4242 4194560 109 0 0 0 0 0 0 0 20 0 1 0 987654 1 2 3`
  it.each([
    [
      'a plain name',
      stat('bash', 'S'),
      { pid: 4242, ppid: 4200, pgid: 4242, sid: 4100, comm: 'bash', ended: false, start: 987654 },
    ],
    [
      'a name with spaces and parentheses',
      stat('a (b) c', 'R'),
      { comm: 'a (b) c', ppid: 4200, start: 987654 },
    ],
    ['a zombie has ended', stat('sleep', 'Z'), { ended: true, state: 'Z' }],
    ['a dead one too', stat('sleep', 'X'), { ended: true }],
  ])('%s', (_n, text, want) => {
    expect(parseProcStat(text)).toMatchObject(want)
  })
  it('a line without its parentheses is not a process', () => {
    expect(parseProcStat('4242 bash S 1 2 3')).toBeNull()
  })
  it('ps lines: pid, ppid, pgid, state, command; a zombie is ended', () => {
    expect(parsePs('  10     1    10 Ss   /bin/zsh\n  11    10    11 Z+   sleep\n')).toEqual([
      { pid: 10, ppid: 1, pgid: 10, sid: 0, name: 'zsh', ended: false },
      { pid: 11, ppid: 10, pgid: 11, sid: 0, name: 'sleep', ended: true },
    ])
  })
})

describe('a tag in a process environment', () => {
  const env = (...vars: string[]) => Buffer.from(`${vars.join('\0')}\0`)
  it.each([
    ['first', env('T=ab', 'PATH=/bin'), true],
    ['in the middle', env('PATH=/bin', 'T=ab', 'HOME=/h'), true],
    ['last', env('PATH=/bin', 'T=ab'), true],
    ['another value', env('T=abc'), false],
    ['a value that ends with it', env('XT=ab'), false],
    ['nowhere', env('PATH=/bin'), false],
  ])('%s', (_n, environ, want) => {
    expect(environHolds(environ, 'T=ab')).toBe(want)
  })
})

describe('what belongs to a tree', () => {
  // 100 leads its session; 101 a job in a group of its own; 102 its child; 103 a double
  // fork that started a session of its own (tagged); 104 that one's child; 200 unrelated
  const procs = [
    p(100, 50, 100, 100),
    p(101, 100, 101, 100),
    p(102, 101, 101, 100),
    p(103, 1, 103, 103, { tagged: true }),
    p(104, 103, 103, 103),
    p(105, 1, 100, 100, { ended: true }),
    p(200, 1, 200, 200),
    p(300, 1, 100, 300),
  ]
  it('descendants, the session, the group, the tagged and their children; nothing else', () => {
    expect(
      belongingTo(100, procs)
        .map((x) => x.pid)
        .sort(),
    ).toEqual([101, 102, 103, 104, 105, 300])
  })
  it('still running: the root, what belongs to it, no zombie, never this process or init', () => {
    expect(
      stillRunning({ pid: 100, whole: true }, procs, 104)
        .map((x) => x.pid)
        .sort(),
    ).toEqual([100, 101, 102, 103, 300])
    expect(
      stillRunning({ pid: 100, whole: false }, procs, 0)
        .map((x) => x.pid)
        .sort(),
    ).toEqual([100, 300])
    expect(stillRunning({ pid: 1, whole: false }, [p(1, 0, 1, 1)], 0)).toEqual([])
  })
})

describe('taskkill /T output', () => {
  it('names every process it ended, in any language', () => {
    const out = [
      'SUCCESS: The process with PID 4820 (child process of PID 4812) has been terminated.',
      'ERFOLGREICH: Der Prozess mit PID 4812 (untergeordneter Prozess von PID 3000) wurde beendet.',
      '',
    ].join('\r\n')
    expect(taskkillPids(out)).toEqual([4820, 4812])
  })
})

describe('the wait until a POSIX tree is gone (the listings and signals given)', () => {
  /** A machine whose listings are given round by round; records every signal sent. */
  function machine(rounds: Proc[][], groupAlive = true) {
    const sent: Array<[number, string | number]> = []
    let round = 0
    let now = 0
    const io: TreeIo = {
      list: () => rounds[Math.min(round++, rounds.length - 1)],
      signal: (t, sig) => {
        sent.push([t, sig])
        return sig === 0 ? groupAlive : true
      },
      sleep: async (ms) => {
        now += ms
      },
      now: () => now,
      self: 1000,
      ownGroup: 999,
    }
    return { io, sent, rounds: () => round }
  }
  const scope = { pid: 100, whole: true }

  it('a process still exiting after SIGKILL is waited for until it has ended', async () => {
    const m = machine([
      [p(100, 1000, 100, 100)],
      [p(100, 1000, 100, 100)],
      [p(100, 1000, 100, 100, { ended: true })],
    ])
    expect(await endPosixWith(scope, m.io)).toEqual({ left: [] })
    expect(m.rounds()).toBe(3)
  })
  it('a process started meanwhile is listed again and killed, with its group', async () => {
    const m = machine([[p(100, 1000, 100, 100)], [p(150, 1, 150, 150, { tagged: true })], []])
    expect(await endPosixWith(scope, m.io)).toEqual({ left: [] })
    expect(m.sent).toEqual(
      expect.arrayContaining([
        [-150, 'SIGKILL'],
        [150, 'SIGKILL'],
      ]),
    )
  })
  it('never this process or its group', async () => {
    const m = machine([[p(101, 100, 999, 100), p(1000, 100, 999, 100)], []])
    await endPosixWith(scope, m.io)
    expect(m.sent).not.toContainEqual([-999, 'SIGKILL'])
    expect(m.sent).not.toContainEqual([1000, 'SIGKILL'])
    expect(m.sent).toContainEqual([101, 'SIGKILL'])
  })
  it('bounded: what still runs when the bound runs out is named', async () => {
    const m = machine([[p(100, 1000, 100, 100)]])
    expect(await endPosixWith(scope, m.io)).toEqual({ left: [100] })
  })
  it('a group already gone needs no listing when nothing else was asked for', async () => {
    const m = machine([[p(100, 1000, 100, 100)]], false)
    expect(await endPosixWith({ pid: 100, whole: false }, m.io)).toEqual({ left: [] })
    expect(m.rounds()).toBe(0)
  })
})

describe('the live tree, read from this machine (Linux)', () => {
  it('descendantsOf: every process below one, parents first, through the kernel’s children lists; listForEnding finds the tagged ones as listProcesses does', async () => {
    const { spawn } = await import('node:child_process')
    const { descendantsOf, listForEnding, listProcesses, startOf } =
      await import('../../src/processes/process-tree.js')
    const tag = `GPA_TREE_TEST=${process.pid}x`
    const child = spawn('sh', ['-c', 'sleep 30 & (sleep 30 & wait) & wait'], {
      env: { PATH: process.env.PATH, GPA_TREE_TEST: `${process.pid}x` },
      stdio: 'ignore',
    })
    try {
      const pid = child.pid!
      let below: number[] = []
      for (let i = 0; i < 100 && below.length < 4; i++) {
        await new Promise((r) => setTimeout(r, 20))
        below = descendantsOf(pid)
      }
      // sleep, the subshell, and its sleep (the subshell's own child comes after it)
      expect(below.length).toBe(3)
      const o = { tag, since: startOf(pid) }
      const tagged = (ps: Proc[]) =>
        ps
          .filter((x) => x.tagged)
          .map((x) => x.pid)
          .sort((a, b) => a - b)
      expect(tagged(await listForEnding('linux', o))).toEqual(tagged(listProcesses('linux', o)))
      expect(tagged(await listForEnding('linux', o))).toEqual([pid, ...below].sort((a, b) => a - b))
      expect(descendantsOf(2 ** 22 + 7)).toEqual([])
    } finally {
      for (const p of [...descendantsOf(child.pid!), child.pid!]) process.kill(p, 'SIGKILL')
    }
  })
})

describe('the head of a file', () => {
  it.each([
    ['shorter than the bound', 'abc', 10, 'abc', 0],
    ['longer: the first bytes, and how many more', 'abcdef', 4, 'abcd', 2],
    ['empty', '', 4, '', 0],
  ])('%s', async (_n, text, max, head, more) => {
    const { readHeadOrNull } = await import('../../src/files/bytes.js')
    const { writeFileSync } = await import('node:fs')
    const dir = scratchDir('gpa-head-')
    writeFileSync(`${dir}/f`, text)
    const r = readHeadOrNull(`${dir}/f`, max)!
    expect([r.bytes.toString(), r.more]).toEqual([head, more])
    expect(readHeadOrNull(`${dir}/none`, max)).toBeNull()
  })
})
