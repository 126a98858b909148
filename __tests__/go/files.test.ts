import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { oddities, parseGoEnvFile } from '../../src/go/goenv-file.js'
import { parseGoMod } from '../../src/go/gomod.js'
import { unsummed } from '../../src/go/workspace.js'
import { itWith } from '../helpers/tools.js'

describe('the go env file, read as the go command reads it', () => {
  it('CRLF leaves \\r in the value; lines must start with A-Z; nothing is trimmed; the last wins', () => {
    const v = parseGoEnvFile(
      'GOROOT=C:\\go\r\n# GOPATH=x\n gofoo=1\nGOFLAGS= -mod=mod \nGOPROXY=a\nGOPROXY=b\nNOEQ\n',
    )
    expect(v.GOROOT).toEqual({ value: 'C:\\go\r', line: 1 })
    expect(v.GOFLAGS).toEqual({ value: ' -mod=mod ', line: 4 })
    expect(v.GOPROXY).toEqual({ value: 'b', line: 6 })
    expect(Object.keys(v).sort()).toEqual(['GOFLAGS', 'GOPROXY', 'GOROOT'])
  })
  it('says why a value would surprise an editor reader', () => {
    expect(oddities('C:\\go\r')).toContain('carriage return')
    expect(oddities(' x')).toContain('spaces')
    expect(oddities('C:\\go')).toBeUndefined()
  })

  itWith(['go'], 'agrees with the Go on this machine (a CRLF file, GOENV pointing at it)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gpa-goenv-'))
    const file = path.join(dir, 'env')
    writeFileSync(file, 'GOPROXY=https://a.example\r\nGOFLAGS=-mod=mod\n#GOPRIVATE=x\n')
    const out = execFileSync('go', ['env', '-json', 'GOPROXY', 'GOFLAGS', 'GOPRIVATE'], {
      env: { PATH: process.env.PATH, HOME: dir, GOENV: file },
      encoding: 'utf8',
    })
    const real = JSON.parse(out) as Record<string, string>
    const ours = parseGoEnvFile('GOPROXY=https://a.example\r\nGOFLAGS=-mod=mod\n#GOPRIVATE=x\n')
    expect(real.GOPROXY).toBe(ours.GOPROXY.value)
    expect(real.GOFLAGS).toBe(ours.GOFLAGS.value)
    expect(real.GOPRIVATE).toBe('')
  })
})

describe('go.mod', () => {
  it('go, toolchain, requires and replaces, with line numbers; comments and blocks', () => {
    const m = parseGoMod(
      'module example.com/m // c\n\ngo 1.21\n\ntoolchain go1.22.4\n\nrequire (\n\texample.com/a v1.0.0 // indirect\n\t"example.com/b" v2.0.0\n)\nrequire example.com/c v0.1.0\nreplace example.com/a => ../a\n',
    )
    expect(m.goLine).toEqual({ value: '1.21', line: 3 })
    expect(m.toolchainLine).toEqual({ value: 'go1.22.4', line: 5 })
    expect(m.requires.map((r) => [r.path, r.version, r.line])).toEqual([
      ['example.com/a', 'v1.0.0', 8],
      ['example.com/b', 'v2.0.0', 9],
      ['example.com/c', 'v0.1.0', 11],
    ])
    expect([...m.replaced]).toEqual(['example.com/a'])
    expect(m.problems).toEqual([])
  })
  it.each([
    ['\uFEFFmodule x\ngo 1.21\n', 1, 'byte-order mark'],
    ['module x\ngo 1.21.x\n', 2, 'is not a Go version'],
    ['module x\ngo 1.21\ngo 1.22\n', 3, 'repeated go line'],
    ['module x\ngo 1.21\ntoolchain 1.22\n', 3, 'names no Go toolchain'],
  ])('what Go refuses: %j', (text, line, why) => {
    const p = parseGoMod(text).problems[0]
    expect(p.line).toBe(line)
    expect(p.message).toContain(why)
  })
  it('a huge go version is a version (compared as Go does), not a crash', () => {
    expect(parseGoMod('module x\ngo 1.99999999999999999999\n').goLine?.value).toBe(
      '1.99999999999999999999',
    )
  })
  it('go.sum entries: /go.mod lines count, replaced modules are skipped', () => {
    const m = parseGoMod('module x\nrequire (\n\ta v1\n\tb v2\n\tc v3\n)\nreplace c => ./c\n')
    expect(
      unsummed([{ goMod: 'go.mod', mod: m, sum: 'a v1/go.mod h1:x\nb v9 h1:y\n' }], []).map(
        (r) => r.path,
      ),
    ).toEqual(['b'])
  })
})
