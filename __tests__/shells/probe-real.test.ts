import { describe, expect, it } from '@jest/globals'
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { probeShell } from '../../src/shells/probe.js'
import { bashShell, shShell } from '../../src/shells/posix.js'
import { basePathWithoutGo } from '../helpers/action.js'

function fakeGo(dir: string, body: string): string {
  mkdirSync(dir, { recursive: true })
  const f = path.join(dir, 'go')
  writeFileSync(f, `#!/bin/sh\n${body}\n`)
  chmodSync(f, 0o755)
  return f
}

const nasty = 'a&b|c%d^e!f"g\'h (i) $(touch PWNED) `touch PWNED2` ü\nline2'

describe('POSIX probes in real shells', () => {
  it.each([
    ['bash', bashShell('linux')],
    ['sh', shShell],
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
    const r = await probeShell(adapter, {
      env,
      platform: 'linux',
      tempDir: root,
      cwd: root,
      timeoutMs: 20_000,
    })
    expect(r.stderr).toBe('')
    expect(r.status).toBe('ok')
    expect(r.view!.path).toBe(env.PATH)
    expect(r.view!.env).toEqual({
      GOROOT: nasty,
      GOPATH: null,
      GOBIN: null,
      GOTOOLCHAIN: null,
      GOFLAGS: '',
      GOENV: null,
    })
    expect(r.hits.go).toEqual([first, second])
    expect(r.view!.resolved).toBe(first)
    expect(r.goEnv).toEqual({ GOROOT: '/x', GOVERSION: 'go1.22.5' })
    expect(r.commandLine).toContain(
      adapter.name === 'bash' ? '--noprofile --norc -e -o pipefail' : ' -e ',
    )
    const { existsSync } = await import('node:fs')
    expect(existsSync(path.join(root, 'PWNED'))).toBe(false)
    expect(existsSync(path.join(root, 'PWNED2'))).toBe(false)
  })

  it('a go that fails is reported with its exit code and output', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-probe-'))
    fakeGo(path.join(root, 'bin'), 'echo "go: boom" >&2; exit 7')
    const r = await probeShell(bashShell('linux'), {
      env: { PATH: `${path.join(root, 'bin')}:${basePathWithoutGo()}` },
      platform: 'linux',
      tempDir: root,
      cwd: root,
      timeoutMs: 20_000,
    })
    expect(r.status).toBe('ok')
    expect(r.view!.goEnvExit).toBe(7)
    expect(r.goEnvError).toBe('go: boom')
  })

  it('a go that hangs becomes a timeout, not a hung job', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-probe-'))
    fakeGo(path.join(root, 'bin'), 'sleep 30')
    const r = await probeShell(bashShell('linux'), {
      env: { PATH: `${path.join(root, 'bin')}:${basePathWithoutGo()}` },
      platform: 'linux',
      tempDir: root,
      cwd: root,
      timeoutMs: 1500,
    })
    expect(r.status).toBe('timeout')
    expect(r.durationMs).toBeLessThan(10_000)
    expect(r.stdout).toContain(':GOENV')
  })

  it('a missing shell is reported as missing', async () => {
    const r = await probeShell(
      { ...shShell, command: 'no-such-shell-here' },
      {
        env: { PATH: basePathWithoutGo() },
        platform: 'linux',
        tempDir: os.tmpdir(),
        cwd: os.tmpdir(),
        timeoutMs: 1000,
      },
    )
    expect(r.status).toBe('missing')
  })
})
