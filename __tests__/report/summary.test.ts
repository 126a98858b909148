import { describe, expect, it } from '@jest/globals'
import { esc, pathRows, renderSummary, SUMMARY_BUDGET } from '../../src/report/summary.js'
import { parseRegQuery, sourceOf } from '../../src/report/registry.js'
import { parseCli } from '../../src/cli.js'
import type { ProbeResult } from '../../src/shells/types.js'
import type { ShellName } from '../../src/inputs.js'

const expected = {
  goroot: '/opt/go',
  gopath: '/home/u/go',
  gotoolchain: 'local',
  version: '1.22.5',
  goBinary: '/opt/go/bin/go',
}
function probe(shell: ShellName, path: string[], go: string[]): ProbeResult {
  return {
    shell,
    status: 'ok',
    durationMs: 5,
    pathStyle: 'posix',
    pathEntries: path,
    hits: { go, gofmt: [] },
    goEnv: { GOROOT: '/opt/go', GOPATH: '/home/u/go', GOVERSION: 'go1.22.5' },
    view: {
      path: path.join(':'),
      env: { GOTOOLCHAIN: 'local' },
      resolved: go[0] ?? '',
      goEnvText: '',
      goEnvExit: 0,
    },
  }
}

describe('escaping', () => {
  it.each([
    ['a|b', 'a&#124;b'],
    ['`x`', '&#96;x&#96;'],
    ['<script>&', '&lt;script&gt;&amp;'],
    ['[l](http://x)', '&#91;l&#93;(http://x)'],
    ['*_b_*', '&#42;&#95;b&#95;&#42;'],
    ['C:\\x', 'C:&#92;x'],
    ['a\nb', 'a<br>b'],
  ])('%j', (raw, want) => expect(esc(raw)).toBe(want))
})

describe('PATH diff rows', () => {
  it('positions per shell, go rows, roles and shadowing', () => {
    const rows = pathRows({
      platform: 'linux',
      expected,
      env: {},
      probes: [
        probe(
          'bash',
          ['/evil/bin', '/opt/go/bin', '/home/u/go/bin', '/usr/bin'],
          ['/evil/bin/go', '/opt/go/bin/go'],
        ),
        probe('sh', ['/opt/go/bin', '/home/u/go/bin', '/usr/bin', '/usr/bin'], ['/opt/go/bin/go']),
      ],
    })
    expect(rows.map((r) => [r.entry, r.positions, r.holdsGo, r.role, r.problems])).toEqual([
      ['/evil/bin', { bash: [1] }, true, '', ['shadows go in bash']],
      ['/opt/go/bin', { bash: [2], sh: [1] }, true, 'GOROOT/bin', []],
      ['/home/u/go/bin', { bash: [3], sh: [2] }, false, 'GOPATH/bin', []],
      ['/usr/bin', { bash: [4], sh: [3, 4] }, false, '', ['repeated']],
    ])
  })
})

describe('PATH diff rows with a WSL column', () => {
  it('maps /mnt/c entries back to their Windows form and marks the Linux tree', () => {
    const win = 'C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64'
    const lroot = '/opt/go-path-arbiter/go/1.22.5/amd64'
    const cmd = probe('cmd', [`${win}\\bin`, 'C:\\Users\\r\\go\\bin'], [`${win}\\bin\\go.exe`])
    const wsl = {
      ...probe(
        'wsl',
        ['/usr/bin', '/mnt/c/hostedtoolcache/windows/go/1.22.5/x64/bin'],
        ['/usr/bin/go', 'C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin\\go.exe'],
      ),
      pathStyle: 'wsl' as const,
    }
    const rows = pathRows({
      platform: 'win32',
      expected: {
        goroot: win,
        gopath: 'C:\\Users\\r\\go',
        gotoolchain: 'local',
        version: '1.22.5',
        goBinary: `${win}\\bin\\go.exe`,
        perShell: { wsl: { goroot: lroot, gopath: '/root/go', goBinary: `${lroot}/bin/go` } },
      },
      env: {},
      probes: [cmd, wsl],
    })
    const byEntry = Object.fromEntries(rows.map((r) => [r.entry, r]))
    expect(byEntry[`${win}\\bin`].positions).toEqual({ cmd: [1], wsl: [2] })
    expect(byEntry['/usr/bin'].problems).toEqual(['shadows go in wsl'])
  })
})

describe('renderSummary', () => {
  const base = {
    code: 0 as const,
    platform: 'linux' as const,
    expected,
    source: 'tool cache',
    findings: [],
    env: {},
  }
  it('has the status line, the shell table and the PATH table; a hostile entry cannot break a row', () => {
    const evil = '/x|y`z`<b>'
    const md = renderSummary({
      ...base,
      probes: [probe('bash', [evil, '/opt/go/bin', '/home/u/go/bin'], ['/opt/go/bin/go'])],
    })
    expect(md).toContain('## go-path-arbiter: ✅ exit code 0 (consistent)')
    expect(md).toContain('| bash | <code>/opt/go/bin/go</code> | <code>go1.22.5</code> |')
    const row = md.split('\n').find((l) => l.includes('/x'))!
    expect(row).toBe('| <code>/x&#124;y&#96;z&#96;&lt;b&gt;</code> | 1 |  |  |')
  })
  it('folds a long PATH table and stays under the budget', () => {
    const long = Array.from({ length: 40_000 }, (_, i) => `/very/long/path/entry/number/${i}`)
    const md = renderSummary({
      ...base,
      probes: [probe('bash', ['/opt/go/bin', ...long], ['/opt/go/bin/go'])],
    })
    expect(md.length).toBeLessThanOrEqual(SUMMARY_BUDGET + 100)
    const short = renderSummary({
      ...base,
      probes: [probe('bash', ['/opt/go/bin', ...long.slice(0, 40)], ['/opt/go/bin/go'])],
    })
    expect(short).toContain('<details><summary>All 41 PATH entries</summary>')
  })
})

describe('registry PATH sources (Windows CLI)', () => {
  const machine = parseRegQuery(
    '\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\...\\Environment\r\n    Path    REG_EXPAND_SZ    %SystemRoot%\\system32;C:\\Program Files\\Git\\bin\r\n\r\n',
  )
  const user = parseRegQuery(
    'HKEY_CURRENT_USER\\Environment\r\n    Path    REG_SZ    C:\\Users\\me\\go\\bin;\r\n',
  )
  it('parses reg query output', () => {
    expect(machine).toEqual(['%SystemRoot%\\system32', 'C:\\Program Files\\Git\\bin'])
    expect(user).toEqual(['C:\\Users\\me\\go\\bin'])
  })
  it.each([
    ['C:\\Windows\\System32', 'machine'],
    ['c:\\users\\me\\go\\bin\\', 'user'],
    ['C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin', 'process'],
  ])('%s comes from %s', (entry, want) => {
    expect(sourceOf(entry, { machine, user }, { SystemRoot: 'C:\\Windows' })).toBe(want)
  })
})

describe('CLI options', () => {
  it('defaults', () => {
    expect(parseCli([])).toEqual({
      shells: 'auto',
      failOn: ['config', 'toolchain', 'module'],
      json: false,
      workingDirectory: '.',
      timeoutMs: 60000,
      checkModules: true,
    })
  })
  it('parses every option', () => {
    expect(
      parseCli([
        '--shells',
        'bash,sh',
        '--fail-on',
        'module',
        '--json',
        '--probe-timeout',
        '5',
        '--no-modules',
        '--working-directory',
        'x',
      ]),
    ).toEqual({
      shells: ['bash', 'sh'],
      failOn: ['module'],
      json: true,
      workingDirectory: 'x',
      timeoutMs: 5000,
      checkModules: false,
    })
  })
  it('names the bad option and value', () => {
    expect(() => parseCli(['--shells', 'fish'])).toThrow(
      '--shells: "fish" is not a shell this action probes',
    )
    expect(() => parseCli(['--fail-on', 'sometimes'])).toThrow('--fail-on: "sometimes"')
    expect(() => parseCli(['--probe-timeout=-1'])).toThrow('--probe-timeout: "-1"')
  })
})
