/**
 * Every go setting compared (check/rules/settings.ts) and the declared environment
 * (go/declared.ts), as tables: which shell differs, with what severity, and from which
 * layer its value came.
 */
import { describe, expect, it } from '@jest/globals'
import { evaluate } from '../../src/check/rules/index.js'
import { agrees, declaredToolchain, merged, parseDeclared } from '../../src/go/declared.js'
import type { ShellName } from '../../src/base/types.js'
import { goEnv, input, probe } from '../helpers/check-input.js'

/** A shell whose go settles on these settings (and has these variables in its environment). */
const shell = (
  name: ShellName,
  settings: Record<string, string>,
  env: Record<string, string> = {},
) =>
  probe(name, {
    goEnv: goEnv({ GOHOSTOS: 'windows', GOHOSTARCH: 'amd64', ...settings }),
    env,
  })

const found = (probes: ReturnType<typeof shell>[], over = {}) =>
  evaluate(input(probes, over))
    .filter((f) => f.id === 'go-setting-differs' || f.id.startsWith('declared'))
    .map((f) => `${f.severity} ${f.id} ${f.shells.join(',')}`)

describe('go settings compared between the shells', () => {
  it('all the same: nothing', () => {
    const s = { GOPROXY: 'https://proxy.golang.org,direct', GOFLAGS: '-mod=mod' }
    expect(found([shell('cmd', s), shell('pwsh', s), shell('bash', s)])).toEqual([])
  })
  it('one shell with another GOPROXY: that shell, an error, naming both values and its layer', () => {
    const probes = [
      shell('cmd', { GOPROXY: 'https://proxy.golang.org,direct' }),
      shell(
        'pwsh',
        { GOPROXY: 'https://goproxy.cn,direct' },
        { GOPROXY: 'https://goproxy.cn,direct' },
      ),
      shell('bash', { GOPROXY: 'https://proxy.golang.org,direct' }),
    ]
    const f = evaluate(input(probes)).find((x) => x.id === 'go-setting-differs')!
    expect(f).toMatchObject({ severity: 'error', shells: ['pwsh'], params: { name: 'GOPROXY' } })
    expect(f.message).toBe(
      'pwsh: GOPROXY is "https://goproxy.cn,direct" (from its environment), where cmd, bash have "https://proxy.golang.org,direct"',
    )
  })
  it('split evenly: each shell is named, none is called right', () => {
    expect(
      found([shell('cmd', { CGO_ENABLED: '0' }), shell('pwsh', { CGO_ENABLED: '1' })]),
    ).toEqual(['error go-setting-differs cmd', 'error go-setting-differs pwsh'])
  })
  it('GOOS other than the machine: every shell that builds for another machine, even most of them', () => {
    expect(
      found([
        shell('cmd', { GOOS: 'linux' }),
        shell('pwsh', { GOOS: 'linux' }),
        shell('bash', { GOOS: 'windows' }),
      ]),
    ).toEqual(['error go-setting-differs cmd', 'error go-setting-differs pwsh'])
  })
  it('the same foreign GOOS everywhere is a deliberate cross-build: nothing', () => {
    expect(found([shell('cmd', { GOOS: 'linux' }), shell('pwsh', { GOOS: 'linux' })])).toEqual([])
  })
  it('a cache folder or telemetry that differs: a notice', () => {
    expect(
      found([
        shell('cmd', { GOCACHE: 'C:\\a' }),
        shell('pwsh', { GOCACHE: 'C:\\a' }),
        shell('bash', { GOCACHE: 'D:\\b' }),
      ]),
    ).toEqual(['notice go-setting-differs bash'])
  })
  it('a shell whose go is another go is not compared (its go is reported as such)', () => {
    const other = { ...shell('pwsh', { GOPROXY: 'off' }), runs: 'C:\\other\\go.exe' }
    expect(found([shell('cmd', { GOPROXY: 'x' }), other, shell('bash', { GOPROXY: 'x' })])).toEqual(
      [],
    )
  })
  it('the environment hides the go env file: the message says so', () => {
    const probes = [
      shell('cmd', { GOPRIVATE: 'corp' }),
      shell('pwsh', { GOPRIVATE: 'mine' }, { GOPRIVATE: 'mine' }),
      shell('bash', { GOPRIVATE: 'corp' }),
    ]
    const goEnvFile = {
      path: 'C:\\Users\\u\\AppData\\Roaming\\go\\env',
      values: { GOPRIVATE: { value: 'corp', line: 2 } },
    }
    const f = evaluate(input(probes, { goEnvFile })).find((x) => x.id === 'go-setting-differs')!
    expect(f.message).toContain(
      "(from its environment; it hides the go env file's GOPRIVATE=corp (C:\\Users\\u\\AppData\\Roaming\\go\\env:2))",
    )
  })
})

describe('the declared environment', () => {
  const declared = (text: string) => parseDeclared('/repo/.go-env', text)
  it('reads NAME=VALUE lines and # comments; says what it cannot hold', () => {
    const d = declared(
      '# team\nGOPROXY=https://p,direct\n\nGOFLAGS=-mod=readonly\nGOPATH=/x\nnonsense\n',
    )
    expect(d.values).toEqual({
      GOPROXY: { value: 'https://p,direct', line: 2 },
      GOFLAGS: { value: '-mod=readonly', line: 4 },
    })
    expect(d.problems.map((p) => p.line)).toEqual([5, 6])
  })
  it.each([
    ['GOPRIVATE', '*.corp,github.com/corp', '*.corp', true],
    ['GOPRIVATE', 'github.com/corp', '*.corp', false],
    ['GONOSUMDB', 'a, b', 'b,a', true],
    ['GOFLAGS', '-mod=readonly -trimpath', '-trimpath', true],
    ['GOFLAGS', '-mod=mod', '-mod=readonly', false],
    ['GOPROXY', 'https://p,direct', 'https://p,direct', true],
    ['GOPROXY', 'https://p', 'https://p,direct', false],
    ['CGO_ENABLED', undefined, '0', false],
  ])('%s %j against %j: %s', (name, have, want, ok) => {
    expect(agrees(name, have, want)).toBe(ok)
  })
  it.each([
    ['GOPRIVATE', 'mine.example', '*.corp', 'mine.example,*.corp'],
    ['GOPRIVATE', '*.corp', '*.corp', '*.corp'],
    ['GOFLAGS', '-mod=mod', '-trimpath', '-mod=mod -trimpath'],
    ['GOPROXY', 'https://old', 'https://new', 'https://new'],
    ['GOPROXY', undefined, 'https://new', 'https://new'],
  ])('%s: %j merged with %j is %j', (name, have, want, out) => {
    expect(merged(name, have, want)).toBe(out)
  })
  it.each([
    ['GOTOOLCHAIN=go1.22.5\n', '1.22.5'],
    ['GOTOOLCHAIN=go1.22.5+auto\n', '1.22.5'],
    ['GOTOOLCHAIN=auto\n', undefined],
    ['GOPROXY=x\n', undefined],
  ])('a declared GOTOOLCHAIN %j names Go %j', (text, version) => {
    expect(declaredToolchain(declared(text))).toBe(version)
  })
  it('every shell held to it: a shell that lacks a declared pattern, one per setting; the file named', () => {
    const d = declared('GOPRIVATE=*.corp\nGOFLAGS=-mod=readonly\n')
    const probes = [
      shell('cmd', { GOPRIVATE: '*.corp,x', GOFLAGS: '-mod=readonly -trimpath' }),
      shell('pwsh', { GOPRIVATE: 'x', GOFLAGS: '-mod=readonly' }, { GOPRIVATE: 'x' }),
    ]
    const fs = evaluate(input(probes, { declared: d })).filter((f) => f.id === 'declared-mismatch')
    expect(fs).toHaveLength(1)
    expect(fs[0].message).toBe(
      'pwsh: GOPRIVATE is "x" (from its environment), but /repo/.go-env:1 declares "*.corp"',
    )
    // a declared setting is not compared between the shells as well
    expect(found(probes, { declared: d })).toEqual(['error declared-mismatch pwsh'])
  })
  it('a line it cannot hold is a finding on that line', () => {
    const d = declared('GOPATH=/x\n')
    const f = evaluate(input([shell('cmd', {})], { declared: d })).find(
      (x) => x.id === 'declared-file-invalid',
    )!
    expect(f).toMatchObject({ file: '/repo/.go-env', line: 1 })
  })
})

describe('settings Go derives from another', () => {
  it('GONOPROXY and GONOSUMDB following GOPRIVATE differ with it: GOPRIVATE alone is named', () => {
    const probes = [
      shell('cmd', { GOPRIVATE: 'a', GONOPROXY: 'a', GONOSUMDB: 'a' }),
      shell('pwsh', { GOPRIVATE: 'b', GONOPROXY: 'b', GONOSUMDB: 'b' }, { GOPRIVATE: 'b' }),
      shell('bash', { GOPRIVATE: 'a', GONOPROXY: 'a', GONOSUMDB: 'a' }),
    ]
    expect(
      evaluate(input(probes))
        .filter((f) => f.id === 'go-setting-differs')
        .map((f) => f.params?.name),
    ).toEqual(['GOPRIVATE'])
  })
  it('a GONOSUMDB set apart from GOPRIVATE is compared on its own', () => {
    const probes = [
      shell('cmd', { GOPRIVATE: 'a', GONOSUMDB: 'a' }),
      shell('pwsh', { GOPRIVATE: 'a', GONOSUMDB: 'x' }, { GONOSUMDB: 'x' }),
      shell('bash', { GOPRIVATE: 'a', GONOSUMDB: 'a' }),
    ]
    expect(
      evaluate(input(probes))
        .filter((f) => f.id === 'go-setting-differs')
        .map((f) => `${f.params?.name} ${f.shells.join(',')}`),
    ).toEqual(['GONOSUMDB pwsh'])
  })
})
