import { describeWith } from '../helpers/tools.js'
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ShellName } from '../../src/base/types.js'
import { evaluate } from '../../src/check/rules/index.js'
import type { CheckReport } from '../../src/check/run-check.js'
import { buildSights } from '../../src/check/sight.js'
import type { CheckInput, Expected } from '../../src/check/types.js'
import { finding } from '../../src/findings/catalog.js'
import { verdict } from '../../src/findings/exit-code.js'
import { pathRows } from '../../src/report/path-rows.js'
import {
  esc,
  renderSummary,
  SUMMARY_BUDGET,
  type SummaryInput,
} from '../../src/action/report/summary.js'
import type { ProbeResult } from '../../src/shells/types.js'

const expected: Expected = {
  goroot: '/opt/go',
  gopath: '/home/u/go',
  gotoolchain: 'local',
  version: '1.22.5',
  goBinary: '/opt/go/bin/go',
  gorootBin: '/opt/go/bin',
  gopathBin: '/home/u/go/bin',
}

function probe(
  shell: ShellName,
  entries: string[],
  go: string[],
  goversion = 'go1.22.5',
): ProbeResult {
  return {
    shell,
    mode: 'runner',
    status: 'ok',
    durationMs: 5,
    pathStyle: shell === 'cmd' ? 'win32' : shell === 'wsl' ? 'wsl' : 'posix',
    pathEntries: entries,
    hits: { go, gofmt: [] },
    runs: go[0],
    goEnv: { GOROOT: '/opt/go', GOPATH: '/home/u/go', GOVERSION: goversion },
    view: {
      path: entries.join(':'),
      env: { GOTOOLCHAIN: 'local' },
      resolved: go[0] ?? '',
      goStarted: true,
      goEnvText: '',
      goEnvExit: 0,
    },
  }
}

function report(probes: ProbeResult[], over: Partial<CheckInput> = {}): CheckReport {
  const input: CheckInput = {
    platform: 'linux',
    expected,
    requested: 'auto',
    probes,
    toolchain: {
      goEnv: { ok: true },
      pkgTool: { ok: true, dir: 'x' },
      gofmt: { ok: true },
      vet: { ok: true },
    },
    env: {},
    ...over,
  }
  const sights = buildSights(input)
  return { findings: evaluate(input, sights), probes, input, sights, adapters: [] }
}

function summaryOf(check: CheckReport, over: Partial<SummaryInput> = {}): string {
  const v = verdict(check.findings, ['config', 'toolchain', 'module'])
  return renderSummary({
    code: v.code,
    verdict: v,
    platform: check.input.platform,
    go: {
      version: check.input.expected.version,
      source: 'tool cache',
      decidedBy: 'go-version 1.22',
    },
    expected: check.input.expected,
    check,
    findings: check.findings,
    failOnNever: false,
    ...over,
  })
}

describe('escaping', () => {
  it.each([
    ['a|b', 'a&#124;b'],
    ['`x`', '&#96;x&#96;'],
    ['<script>&', '&lt;script&gt;&amp;'],
    ['[l](http://x)', '&#91;l&#93;(http://x)'],
    ['*_b_*', '&#42;&#95;b&#95;&#42;'],
    ['C:\\x', 'C:&#92;x'],
    ['C:\\PROGRA~1\\x~y', 'C:&#92;PROGRA&#126;1&#92;x&#126;y'],
    ['$x$', '&#36;x&#36;'],
    ['a\nb', 'a<br>b'],
  ])('%j', (raw, want) => expect(esc(raw)).toBe(want))
})

describeWith(['cmark-gfm'], 'rendered by a GFM renderer (cmark-gfm), paths come out intact', () => {
  it('8.3 short names (~) and $...$ are not strikethrough or math', () => {
    const entries = [
      'C:\\PROGRA~1\\Go\\bin',
      'C:\\Users\\RUNNER~1\\go\\bin',
      'C:\\$x$\\bin',
      'C:\\a~b~c',
    ]
    const md = summaryOf(
      report([probe('cmd', entries, ['C:\\PROGRA~1\\Go\\bin\\go.exe'])], {
        platform: 'win32',
        expected: {
          ...expected,
          goroot: 'C:\\PROGRA~1\\Go',
          gopath: 'C:\\Users\\RUNNER~1\\go',
          goBinary: 'C:\\PROGRA~1\\Go\\bin\\go.exe',
          gorootBin: 'C:\\PROGRA~1\\Go\\bin',
          gopathBin: 'C:\\Users\\RUNNER~1\\go\\bin',
        },
      }),
    )
    const html = spawnSync('cmark-gfm', ['-e', 'table', '-e', 'strikethrough', '--unsafe'], {
      input: md,
      encoding: 'utf8',
    }).stdout
    expect(html).not.toContain('<del>')
    const text = html
      .replace(/&#126;/g, '~')
      .replace(/&#36;/g, '$')
      .replace(/&#92;/g, '\\')
    for (const e of entries) expect(text).toContain(e)
  })
})

describe('PATH diff rows', () => {
  it('positions per shell, go rows, roles, repeats (from PATH entries) and shadowing', () => {
    const rows = pathRows(
      buildSights(
        report([
          probe(
            'bash',
            ['/evil/bin', '/opt/go/bin', '/home/u/go/bin', '/usr/bin'],
            ['/evil/bin/go', '/opt/go/bin/go'],
          ),
          probe(
            'sh',
            ['/opt/go/bin', '/home/u/go/bin', '/usr/bin', '/usr/bin'],
            ['/opt/go/bin/go'],
          ),
        ]).input,
      ),
    )
    expect(rows.map((r) => [r.entry, r.positions, r.holdsGo, r.role, r.problems])).toEqual([
      ['/evil/bin', { bash: [1] }, true, '', ['shadows go in bash']],
      ['/opt/go/bin', { bash: [2], sh: [1] }, true, 'GOROOT/bin', []],
      ['/home/u/go/bin', { bash: [3], sh: [2] }, false, 'GOPATH/bin', []],
      ['/usr/bin', { bash: [4], sh: [3, 4] }, false, '', ['repeated']],
    ])
  })

  it('maps /mnt/c entries back to their Windows form and marks the Linux tree', () => {
    const win = 'C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64'
    const lroot = '/opt/go-path-arbiter/go/1.22.5/amd64'
    const cmd = probe('cmd', [`${win}\\bin`, 'C:\\Users\\r\\go\\bin'], [`${win}\\bin\\go.exe`])
    const wsl = probe(
      'wsl',
      ['/usr/bin', '/mnt/c/hostedtoolcache/windows/go/1.22.5/x64/bin'],
      ['/usr/bin/go', `${win}\\bin\\go.exe`],
    )
    const rows = pathRows(
      buildSights({
        ...report([]).input,
        platform: 'win32',
        probes: [cmd, wsl],
        expected: {
          ...expected,
          goroot: win,
          gopath: 'C:\\Users\\r\\go',
          goBinary: `${win}\\bin\\go.exe`,
          gorootBin: `${win}\\bin`,
          gopathBin: 'C:\\Users\\r\\go\\bin',
          perShell: {
            wsl: {
              goroot: lroot,
              gopath: '/root/go',
              goBinary: `${lroot}/bin/go`,
              gorootBin: `${lroot}/bin`,
              gopathBin: '/root/go/bin',
            },
          },
        },
      }),
    )
    const byEntry = Object.fromEntries(rows.map((r) => [r.entry, r]))
    expect(byEntry[`${win}\\bin`].positions).toEqual({ cmd: [1], wsl: [2] })
    expect(byEntry['/usr/bin'].problems).toEqual(['another go runs in wsl'])
  })
})

describe('the summary and the rules agree (one comparer)', () => {
  const warnings = (md: string) =>
    md.split('\n').filter((l) => l.startsWith('| bash |') && l.includes('⚠️'))

  it('a symlink to the exported go (e.g. /usr/bin/go) counts as it, in both', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-sum-'))
    const real = path.join(root, 'go', 'bin')
    mkdirSync(real, { recursive: true })
    writeFileSync(path.join(real, 'go'), '')
    mkdirSync(path.join(root, 'usr-bin'))
    symlinkSync(path.join(real, 'go'), path.join(root, 'usr-bin', 'go'))
    const goroot = realpathSync(path.join(root, 'go'))
    const exp = { ...expected, goroot, goBinary: `${goroot}/bin/go`, gorootBin: `${goroot}/bin` }
    const p = probe(
      'bash',
      [path.join(root, 'usr-bin'), `${goroot}/bin`, '/home/u/go/bin'],
      [path.join(root, 'usr-bin', 'go'), `${goroot}/bin/go`],
    )
    p.goEnv = { ...p.goEnv, GOROOT: goroot }
    const check = report([p], {
      expected: exp,
      realpath: (x) => {
        try {
          return realpathSync(x)
        } catch {
          return null
        }
      },
    })
    // not even go-several: a symlink is the program it names
    expect(check.findings).toEqual([])
    expect(warnings(summaryOf(check))).toEqual([])
  })
  it.each([
    ['go1.20 is 1.20.0', 'go1.20', '1.20.0'],
    ['an rc version', 'go1.23rc1', '1.23.0-rc.1'],
    ['an experiment suffix', 'go1.22.5 X:boringcrypto', '1.22.5'],
  ])('%s: no finding and no ⚠️', (_n, goversion, version) => {
    const check = report(
      [probe('bash', ['/opt/go/bin', '/home/u/go/bin'], ['/opt/go/bin/go'], goversion)],
      {
        expected: { ...expected, version },
      },
    )
    expect(check.findings).toEqual([])
    expect(warnings(summaryOf(check))).toEqual([])
  })
  it('and a real difference shows in both', () => {
    const check = report([
      probe('bash', ['/opt/go/bin', '/home/u/go/bin'], ['/opt/go/bin/go'], 'go1.21.0'),
    ])
    expect(check.findings.map((f) => f.id)).toEqual(['version-not-installed'])
    expect(warnings(summaryOf(check))).toHaveLength(1)
  })
})

describe('renderSummary', () => {
  it('has the status line, the shell table and the PATH table; a hostile entry cannot break a row', () => {
    const evil = '/x|y`z`<b>'
    const md = summaryOf(
      report([probe('bash', [evil, '/opt/go/bin', '/home/u/go/bin'], ['/opt/go/bin/go'])]),
    )
    expect(md).toContain('## go-path-arbiter: ✅ exit code 0 (consistent)')
    expect(md).toContain('(decided by go-version 1.22)')
    expect(md).toContain('| bash | <code>/opt/go/bin/go</code> | <code>go1.22.5</code> |')
    const row = md.split('\n').find((l) => l.includes('/x'))!
    expect(row).toBe('| <code>/x&#124;y&#96;z&#96;&lt;b&gt;</code> | 1 |  |  |')
  })
  it('folds a long PATH table and stays under the budget', () => {
    const long = Array.from({ length: 40_000 }, (_, i) => `/very/long/path/entry/number/${i}`)
    const md = summaryOf(report([probe('bash', ['/opt/go/bin', ...long], ['/opt/go/bin/go'])]))
    expect(md.length).toBeLessThanOrEqual(SUMMARY_BUDGET + 100)
    const short = summaryOf(
      report([probe('bash', ['/opt/go/bin', ...long.slice(0, 40)], ['/opt/go/bin/go'])]),
    )
    expect(short).toContain('<details><summary>All 41 PATH entries</summary>')
  })
  it('a run that set up no Go stays under the budget too, and says it was cut', () => {
    const many = Array.from({ length: 2000 }, (_, i) =>
      finding('download-failed', [], `attempt ${i}: ${'x'.repeat(1000)}`),
    )
    const v = verdict(many, [])
    const md = renderSummary({
      code: v.code,
      verdict: v,
      platform: 'linux',
      findings: many,
      failOnNever: true,
    })
    expect(md.length).toBeLessThanOrEqual(SUMMARY_BUDGET + 100)
    expect(md).toContain('(truncated; see the JSON report)')
  })
  it('a run that set up no Go says so plainly, with the finding and its fix', () => {
    const f = finding(
      'checksum-mismatch',
      [],
      'sha256 mismatch for http://m/go.tgz: expected aa, got bb',
    )
    const v = verdict([f], [])
    const md = renderSummary({
      code: v.code,
      verdict: v,
      platform: 'linux',
      findings: [f],
      failOnNever: true,
    })
    expect(md).toContain('## go-path-arbiter: ❌ exit code 2 (toolchain anomaly)')
    expect(md).toContain('**No Go was set up, and the job goes on (fail-on: never).**')
    expect(md).toContain('**checksum-mismatch**')
    expect(md).toContain('Fix: Retry the job')
    expect(md).toContain('The step does not fail (fail-on: never).')
  })
  it('fail-on that names other categories says so', () => {
    const f = finding('gosum-missing', [], 'go.mod requires 1 module(s) but go.sum does not exist')
    const v = verdict([f], ['config'])
    const md = renderSummary({
      code: v.code,
      verdict: v,
      platform: 'linux',
      findings: [f],
      failOnNever: false,
    })
    expect(md).toContain(
      'The step does not fail: fail-on does not name module inconsistency findings.',
    )
  })
  it('a failed job says which categories fail it', () => {
    const fs = [
      finding('gosum-missing', [], 'go.mod requires 1 module(s) but go.sum does not exist'),
      finding('go-missing', ['bash'], 'bash: no go on PATH', {
        params: { gorootBin: 'C:\\Go\\bin' },
      }),
    ]
    const v = verdict(fs, ['module'])
    const md = renderSummary({
      code: v.code,
      verdict: v,
      platform: 'linux',
      findings: fs,
      failOnNever: false,
    })
    expect(md).toContain('The step fails with exit code 3 (module findings; fail-on names them).')
  })
})
