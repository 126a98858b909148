import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { toolchainFacts } from '../../src/check/facts.js'
import { writeExecutable } from '../helpers/machine.js'

/**
 * The tree's own tools, looked up where the go command looks for them: GOTOOLDIR as `go env`
 * names it (the go binary's OS and architecture), never GOOS/GOARCH (the build's target).
 * gofmt is started for real (a shell script standing in for it).
 */
describe('toolchainFacts: pkg/tool and vet from GOTOOLDIR, gofmt run', () => {
  const tree = (withVet: boolean) => {
    const goroot = mkdtempSync(path.join(os.tmpdir(), 'gpa-facts-'))
    writeExecutable(path.join(goroot, 'bin', 'gofmt'), '#!/bin/sh\ncat >/dev/null\n')
    mkdirSync(path.join(goroot, 'pkg', 'tool', 'linux_amd64'), { recursive: true })
    if (withVet) writeExecutable(path.join(goroot, 'pkg', 'tool', 'linux_amd64', 'vet'), '')
    return goroot
  }
  const facts = (goroot: string, goEnv: Record<string, string> | null) =>
    toolchainFacts(goroot, goEnv, undefined, { PATH: '/usr/bin:/bin' }, 'linux', 10_000)

  it.each([
    ['a native build', { GOOS: 'linux', GOARCH: 'amd64' }],
    ['a job that cross-compiles for windows/arm64', { GOOS: 'windows', GOARCH: 'arm64' }],
    ['GOOS=js GOARCH=wasm', { GOOS: 'js', GOARCH: 'wasm' }],
  ])('%s: the tools of this machine are found', async (_, target) => {
    const goroot = tree(true)
    const t = await facts(goroot, {
      ...target,
      GOVERSION: 'go1.19.8',
      GOTOOLDIR: path.join(goroot, 'pkg', 'tool', 'linux_amd64'),
    })
    expect(t.pkgTool).toEqual({ ok: true, dir: path.join('pkg', 'tool', 'linux_amd64') })
    expect(t.vet.ok).toBe(true)
    expect(t.gofmt.ok).toBe(true)
    expect(t.goEnv).toMatchObject({ ok: true, goos: target.GOOS, goarch: target.GOARCH })
  })

  it('a tool folder without vet: vet missing, with the path it looked at', async () => {
    const goroot = tree(false)
    const dir = path.join(goroot, 'pkg', 'tool', 'linux_amd64')
    const t = await facts(goroot, { GOOS: 'linux', GOARCH: 'amd64', GOTOOLDIR: dir })
    expect(t.pkgTool.ok).toBe(true)
    expect(t.vet).toEqual({ ok: false, detail: `${path.join(dir, 'vet')} does not exist` })
  })

  it('a GOTOOLDIR that does not exist: pkg/tool missing, named under the GOROOT', async () => {
    const goroot = tree(true)
    const t = await facts(goroot, {
      GOOS: 'linux',
      GOARCH: 'arm64',
      GOTOOLDIR: path.join(goroot, 'pkg', 'tool', 'linux_arm64'),
    })
    expect(t.pkgTool).toEqual({ ok: false, dir: path.join('pkg', 'tool', 'linux_arm64') })
    expect(t.vet.ok).toBe(false)
  })

  it('a GOTOOLDIR outside the GOROOT is named whole', async () => {
    const goroot = tree(true)
    const elsewhere = path.join(mkdtempSync(path.join(os.tmpdir(), 'gpa-facts-')), 'tools')
    const t = await facts(goroot, { GOOS: 'linux', GOARCH: 'amd64', GOTOOLDIR: elsewhere })
    expect(t.pkgTool).toEqual({ ok: false, dir: elsewhere })
  })

  it('no go env answer: neither is claimed to work, and the reason says why', async () => {
    const goroot = tree(true)
    const t = await facts(goroot, null)
    expect(t.goEnv.ok).toBe(false)
    expect(t.pkgTool.ok).toBe(false)
    expect(t.pkgTool.dir).toContain('named no GOTOOLDIR')
    expect(t.vet).toEqual({ ok: false, detail: '`go env` did not name GOTOOLDIR' })
  })
})
