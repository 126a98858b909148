import { describe, expect, it } from '@jest/globals'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { GO_VARIABLES } from '../../src/go/settings.js'
import { bashShell, shShell, zshShell } from '../../src/shells/posix.js'
import { probeShell, type ProbeOptions } from '../../src/shells/probe.js'
import { runProcess } from '../../src/processes/run.js'
import { basePathWithoutGo } from '../helpers/action.js'

function fakeGo(dir: string, body: string): string {
  mkdirSync(dir, { recursive: true })
  const f = path.join(dir, 'go')
  writeFileSync(f, `#!/bin/sh\n${body}\n`)
  chmodSync(f, 0o755)
  return f
}

/** Running (a killed process whose parent is gone may stay a zombie until init reaps it). */
const alive = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] !== 'Z'
  } catch {
    return false
  }
}

const nasty = 'a&b|c%d^e!f"g\'h (i) $(touch PWNED) `touch PWNED2` ü\nline2'

function opts(root: string, env: NodeJS.ProcessEnv, timeoutMs = 20_000): ProbeOptions {
  return { env, platform: 'linux', tempDir: root, cwd: root, timeoutMs, launch: { mode: 'runner' } }
}

describe('POSIX probes in real shells', () => {
  it.each([
    ['bash', bashShell('linux')],
    ['sh', shShell],
    ['zsh', zshShell('linux')],
  ])('%s: PATH, env, all hits and go env, with hostile values', async (_n, adapter) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-probe-'))
    const first = fakeGo(
      path.join(root, 'a b', 'bin'),
      `echo '{"GOROOT": "/x", "GOVERSION": "go1.22.5"}'`,
    )
    const second = fakeGo(path.join(root, 'second'), 'exit 1')
    const env = {
      PATH: `${path.dirname(first)}:${path.dirname(second)}:${basePathWithoutGo()}`,
      GOROOT: nasty,
      GOFLAGS: '',
      HOME: root,
    }
    const r = await probeShell(adapter, opts(root, env))
    expect(r.stderr).toBe('')
    expect(r.status).toBe('ok')
    expect(r.view!.path).toBe(env.PATH)
    expect(r.view!.env).toEqual({
      ...Object.fromEntries(GO_VARIABLES.map((n) => [n, null])),
      GOROOT: nasty,
      GOFLAGS: '',
    })
    expect(r.hits.go).toEqual([first, second])
    expect(r.runs).toBe(first)
    expect(r.goEnv).toEqual({ GOROOT: '/x', GOVERSION: 'go1.22.5' })
    expect(existsSync(path.join(root, 'PWNED'))).toBe(false)
    expect(existsSync(path.join(root, 'PWNED2'))).toBe(false)
  })

  it('a go that fails is reported with its exit code and output; the shell itself is fine', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-probe-'))
    fakeGo(path.join(root, 'bin'), 'echo "go: boom" >&2; exit 7')
    const r = await probeShell(
      bashShell('linux'),
      opts(root, { PATH: `${path.join(root, 'bin')}:${basePathWithoutGo()}` }),
    )
    expect(r.status).toBe('ok')
    expect(r.view!.goEnvExit).toBe(7)
    expect(r.goEnvError).toBe('go: boom')
  })

  it('a go that hangs and ignores SIGTERM becomes a timeout; its whole tree is gone after', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-probe-'))
    const pidFile = path.join(root, 'go.pid')
    fakeGo(path.join(root, 'bin'), `trap '' TERM; echo $$ > '${pidFile}'; sleep 30`)
    const r = await probeShell(
      bashShell('linux'),
      opts(root, { PATH: `${path.join(root, 'bin')}:${basePathWithoutGo()}` }, 1500),
    )
    expect(r.status).toBe('timeout')
    expect(r.durationMs).toBeLessThan(10_000)
    // the probe printed the header of the go env record: it was go that hung
    expect(r.view!.goStarted).toBe(true)
    // checked the moment the probe returns: it returns once the tree is gone
    const pid = Number(readFileSync(pidFile, 'utf8'))
    expect(alive(pid)).toBe(false)
  })

  it('a background child a BASH_ENV script starts does not outlive the probe', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-probe-'))
    const pidFile = path.join(root, 'bg.pid')
    const bashEnv = path.join(root, 'env.sh')
    writeFileSync(bashEnv, `sleep 600 </dev/null >/dev/null 2>&1 &\necho $! > '${pidFile}'\n`)
    const r = await probeShell(
      bashShell('linux'),
      opts(root, { PATH: basePathWithoutGo(), BASH_ENV: bashEnv }),
    )
    expect(r.status).toBe('ok')
    // checked the moment the probe returns: it returns once the tree is gone
    const pid = Number(readFileSync(pidFile, 'utf8'))
    expect(alive(pid)).toBe(false)
  })

  it('a shell that finishes the script but exits with an error fails every step: shell-failed', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-probe-'))
    const bashEnv = path.join(root, 'env.sh')
    writeFileSync(bashEnv, "trap 'exit 3' EXIT\n")
    const r = await probeShell(
      bashShell('linux'),
      opts(root, { PATH: basePathWithoutGo(), BASH_ENV: bashEnv }),
    )
    expect(r.status).toBe('failed')
    expect(r.detail).toContain('the shell exited with 3')
    // and a real step with that BASH_ENV does fail
    const step = path.join(root, 'step.sh')
    writeFileSync(step, 'echo hi\n')
    const s = await runProcess('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', step], {
      env: { PATH: basePathWithoutGo(), BASH_ENV: bashEnv },
      timeoutMs: 10_000,
    })
    expect(s.exitCode).toBe(3)
  })

  it('an error printed while starting is kept, though the probe ran', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-probe-'))
    const bashEnv = path.join(root, 'env.sh')
    writeFileSync(bashEnv, 'no-such-command-here || true\n')
    const r = await probeShell(
      bashShell('linux'),
      opts(root, { PATH: basePathWithoutGo(), BASH_ENV: bashEnv }),
    )
    expect(r.status).toBe('ok')
    expect(r.startupErrors).toContain('no-such-command-here: command not found')
  })

  it('as a runner step, bash reads BASH_ENV (the only file a step reads)', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-probe-'))
    const bashEnv = path.join(root, 'env.sh')
    writeFileSync(bashEnv, 'export GOFLAGS=-from-bash-env\n')
    const env = { PATH: basePathWithoutGo(), BASH_ENV: bashEnv }
    const runner = await probeShell(bashShell('linux'), opts(root, env))
    expect(runner.view!.env.GOFLAGS).toBe('-from-bash-env')
  })

  it('a missing shell is reported as missing', async () => {
    const r = await probeShell(
      { ...shShell, command: 'no-such-shell-here' },
      opts(os.tmpdir(), { PATH: basePathWithoutGo() }, 1000),
    )
    expect(r.status).toBe('missing')
  })
})

describe("a login bash's files, as bash reads them", () => {
  const FILES = { '.bash_profile': '-p', '.bash_login': '-l', '.profile': '-r' } as const
  it.each([
    ['all three: only ~/.bash_profile', ['.bash_profile', '.bash_login', '.profile'] as const],
    ['~/.bash_login and ~/.profile: only ~/.bash_login', ['.bash_login', '.profile'] as const],
    ['~/.profile alone', ['.profile'] as const],
  ])('%s, the same as bash itself', async (_n, present) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-probe-'))
    for (const f of present)
      writeFileSync(path.join(root, f), `export GOFLAGS="\${GOFLAGS:+$GOFLAGS }${FILES[f]}"\n`)
    const env = { PATH: basePathWithoutGo(), HOME: root }
    const r = await probeShell(bashShell('linux'), {
      ...opts(root, env),
      launch: { mode: 'session' },
    })
    expect(r.status).toBe('ok')
    const real = await runProcess('bash', ['--login', '-c', 'printf %s "$GOFLAGS"'], {
      env,
      cwd: root,
      timeoutMs: 10_000,
    })
    expect(r.view!.env.GOFLAGS).toBe(FILES[present[0]])
    expect(r.view!.env.GOFLAGS).toBe(real.stdout)
  })
})

describe('the process runner', () => {
  it('caps what it keeps and says so', async () => {
    const r = await runProcess('sh', ['-c', 'head -c 300000 /dev/zero | tr "\\0" x'], {
      env: { PATH: basePathWithoutGo() },
      timeoutMs: 10_000,
      maxBytes: 1000,
    })
    expect(r.truncated.stdout).toBe(299_000)
    expect(r.stdout).toContain('[... 299000 more bytes not kept]')
    expect(r.stdout.length).toBeLessThan(1100)
  })
  it('a missing program is an error with its code, not a throw', async () => {
    const r = await runProcess('/no/such/program', [], { env: {}, timeoutMs: 1000 })
    expect(r.errorCode).toBe('ENOENT')
    expect(r.exitCode).toBeNull()
  })
})

describe('a shell started before its environment is known (env-handoff.ts), with real sh', () => {
  it('one that ends before the hand-over ended in the start environment: it is started again in the new one, and the answer is that start', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-probe-early-'))
    const marks = path.join(root, 'marks')
    // an adapter that can take its environment later, whose script ends at once
    const quick = {
      ...shShell,
      handsOver: () => true,
      script: () => `echo "$GPA_WHERE" >> '${marks}'\nexit 3\n`,
    }
    const env = { PATH: basePathWithoutGo(), GPA_WHERE: 'start' }
    const later = new Promise<NodeJS.ProcessEnv>((resolve) =>
      setTimeout(() => resolve({ ...env, GPA_WHERE: 'terminal' }), 500),
    )
    const r = await probeShell(quick, { ...opts(root, env), envLater: later })
    expect(r.status).toBe('failed')
    expect(r.startedEarly).toBeUndefined()
    expect(readFileSync(marks, 'utf8')).toBe('start\nterminal\n')
  })
})
