import { describe, expect, it } from '@jest/globals'
import {
  envScript,
  mergeWslenv,
  mountRootFrom,
  parseDistroFacts,
  parseWslenv,
  wslenvEntries,
  wslTree,
} from '../../src/wsl/plan.js'
import { shQuote } from '../../src/base/text.js'
import { parseDistroList } from '../../src/wsl/provision.js'
import { bashEnvDecision, wslWanted } from '../../src/wsl/setup.js'
import { wslShell } from '../../src/shells/wsl.js'
import { msysToWindows, windowsToMsys, windowsToWsl, wslToWindows } from '../../src/paths/forms.js'
import { decodeAuto as decodeWslOutput } from '../../src/processes/decode.js'
import { parseRegValue, registeredDistributions } from '../../src/registry/reg.js'

const ours =
  'BASH_ENV/u:GOPROXY/u:GOPRIVATE/u:GONOPROXY/u:GONOSUMDB/u:GOSUMDB/u:GOINSECURE/u:GOFLAGS/u:CGO_ENABLED/u:GOEXPERIMENT/u:GOTOOLCHAIN/u'

describe('WSLENV', () => {
  it.each([
    ['unset', undefined, ours],
    ['empty', '', ours],
    ['other entries kept first', 'USERPROFILE/p:TMP/up', `USERPROFILE/p:TMP/up:${ours}`],
    ['stray colons dropped', ':FOO::', `FOO:${ours}`],
    [
      'an existing GOFLAGS keeps its own flags',
      'GOFLAGS/w',
      'GOFLAGS/w:BASH_ENV/u:GOPROXY/u:GOPRIVATE/u:GONOPROXY/u:GONOSUMDB/u:GOSUMDB/u:GOINSECURE/u:CGO_ENABLED/u:GOEXPERIMENT/u:GOTOOLCHAIN/u',
    ],
    ['a second run adds nothing', ours, ours],
    ['names are case-sensitive', 'goflags/u', `goflags/u:${ours}`],
  ])('%s', (_name, existing, want) => {
    expect(mergeWslenv(existing, wslenvEntries())).toBe(want)
  })

  it('parses entries with and without flags', () => {
    expect(parseWslenv('A:B/p:C/lu')).toEqual([
      { name: 'A', flags: '' },
      { name: 'B', flags: 'p' },
      { name: 'C', flags: 'lu' },
    ])
  })
})

describe('BASH_ENV', () => {
  it.each([
    [undefined, true, undefined],
    ['/opt/go-path-arbiter/env.sh', true, undefined],
    ['C:\\Users\\me\\bashenv.sh', false, 'bash-env-taken'],
  ])('existing %s', (existing, exported, finding) => {
    const d = bashEnvDecision(existing, '/opt/go-path-arbiter/env.sh')
    expect(d.export).toBe(exported)
    expect(d.finding?.id).toBe(finding)
    if (d.finding) {
      expect(d.finding.category).toBe('config')
      expect(d.finding.message).toContain(existing)
    }
  })
})

describe('wsl input', () => {
  it.each([
    ['auto', 'auto', true],
    ['auto', ['cmd', 'wsl'], true],
    ['auto', ['cmd', 'bash'], false],
    ['true', ['cmd'], true],
    ['false', 'auto', false],
    ['false', ['wsl'], false],
  ] as const)('wsl: %s, shells: %j', (wsl, shells, want) => {
    expect(wslWanted({ wsl, shells: shells === 'auto' ? 'auto' : [...shells] })).toBe(want)
  })
})

describe('the layout inside the distribution', () => {
  it('puts Go under <base>/go/<version>/<goarch>, GOPATH under the home folder', () => {
    expect(
      wslTree('/opt/go-path-arbiter/', '1.22.5', { go: 'arm64', cache: 'arm64' }, '/home/u/'),
    ).toEqual({
      base: '/opt/go-path-arbiter',
      goroot: '/opt/go-path-arbiter/go/1.22.5/arm64',
      gopath: '/home/u/go',
      envScript: '/opt/go-path-arbiter/env.sh',
    })
  })

  it('quotes any value for sh', () => {
    expect(shQuote(`it's`)).toBe(`'it'\\''s'`)
  })

  it('the env script names the tree and reads nothing unset', () => {
    const text = envScript(wslTree('/opt/x', '1.22.5', { go: 'amd64', cache: 'x64' }, '/root'))
    expect(text).toContain(`GOROOT='/opt/x/go/1.22.5/amd64'`)
    // GOPATH comes from the user's own HOME when sourced, unless the step has one
    expect(text).toContain('if [ -z "${GOPATH:-}" ]; then GOPATH="${HOME:-/root}/go"; fi')
    expect(text).toContain('${WSL_DISTRO_NAME:-}')
    expect(text).not.toMatch(/\r/)
    // every expansion of a variable the script did not set itself has a default
    const own = ['GOROOT', 'GOPATH', '__gpa_rest', '__gpa_path', '__gpa_entry']
    for (const m of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
      if (!own.includes(m[1])) expect(text).toContain(`\${${m[1]}:-`)
    }
  })
})

describe('path translation between Windows, Git Bash and WSL', () => {
  it.each([
    [
      'C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin',
      '/c/hostedtoolcache/windows/go/1.22.5/x64/bin',
      '/mnt/c/hostedtoolcache/windows/go/1.22.5/x64/bin',
    ],
    ['D:\\a\\_temp', '/d/a/_temp', '/mnt/d/a/_temp'],
    ['C:\\', '/c', '/mnt/c'],
    [
      'C:\\Program Files\\Git\\usr\\bin\\',
      '/c/Program Files/Git/usr/bin',
      '/mnt/c/Program Files/Git/usr/bin',
    ],
  ])('%s', (win, msys, wsl) => {
    expect(windowsToMsys(win)).toBe(msys)
    expect(windowsToWsl(win)).toBe(wsl)
    expect(msysToWindows(msys)).toBe(win.replace(/\\$/, '').replace(/^C:$/, 'C:\\'))
    expect(wslToWindows(wsl)).toBe(win.replace(/\\$/, '').replace(/^C:$/, 'C:\\'))
  })

  it.each([
    ['/usr/local/bin', null],
    ['/mnt/wsl/x', null],
    ['/mnt/c', 'C:\\'],
  ])('%s is %s on the Windows side', (linux, win) => {
    expect(wslToWindows(linux)).toBe(win)
  })

  it.each([
    ['D:\\a\\_temp\\go-path-arbiter', '/mnt/d/a/_temp/go-path-arbiter', '/mnt/'],
    ['D:\\a\\_temp', '/d/a/_temp', '/'],
    ['C:\\x', '/windows/c/x/', '/windows/'],
    ['C:\\x', '/mnt/c/y', null],
    ['/tmp/x', '/tmp/x', null],
  ])('mount root of %s seen as %s', (win, linux, root) => {
    expect(mountRootFrom(win, linux)).toBe(root)
  })

  it('the wsl-bash launch names the script by its Linux path', () => {
    const a = wslShell('Ubuntu-24.04', '/mnt/')
    expect(a.args('D:\\a\\_temp\\go-path-arbiter\\probe-wsl.sh', { mode: 'runner' })).toEqual([
      '--distribution',
      'Ubuntu-24.04',
      'bash',
      '--noprofile',
      '--norc',
      '-euo',
      'pipefail',
      '/mnt/d/a/_temp/go-path-arbiter/probe-wsl.sh',
    ])
    expect(wslShell('', '/mnt/').args('C:\\t\\p.sh', { mode: 'runner' })[0]).toBe('bash')
    expect(a.launchEnv?.('M', { mode: 'runner' })).toEqual({ WSL_UTF8: '1' })
  })
})

describe("decoding wsl.exe's output", () => {
  const text = 'Ubuntu-24.04\r\nDébian\r\n'
  it.each([
    ['UTF-8', Buffer.from(text, 'utf8')],
    ['UTF-16LE', Buffer.from(text, 'utf16le')],
    [
      'UTF-16LE with a byte-order mark',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    ],
  ])('%s', (_n, bytes) => {
    expect(decodeWslOutput(bytes)).toBe(text)
  })

  it('keeps an odd trailing byte of UTF-8 and handles empty output', () => {
    expect(decodeWslOutput(Buffer.alloc(0))).toBe('')
    expect(decodeWslOutput(Buffer.from('a'))).toBe('a')
  })

  it('lists distributions, NULs and CRLF removed', () => {
    expect(parseDistroList('Ubuntu\0\r\n\r\n  Debian \r\n')).toEqual(['Ubuntu', 'Debian'])
    expect(parseDistroList('')).toEqual([])
  })
})

describe('the answer from inside the distribution', () => {
  it('reads records', () => {
    const m = 'GPAx'
    const out = [
      `${m}:UNAME`,
      'aarch64',
      `${m}:HOME`,
      '/home/me',
      `${m}:USER`,
      'me',
      `${m}:WINPATH`,
      '/mnt/d/a/_temp',
      `${m}:BASE`,
      '/home/me/.local/share/go-path-arbiter',
      `${m}:PRESENT`,
      'go1.22.5',
      `${m}:END`,
      '',
    ].join('\n')
    expect(parseDistroFacts(out, m)).toEqual({
      ended: true,
      arch: { go: 'arm64', cache: 'arm64' },
      uname: 'aarch64',
      home: '/home/me',
      user: 'me',
      linuxPath: '/mnt/d/a/_temp',
      base: '/home/me/.local/share/go-path-arbiter',
      present: 'go1.22.5',
      error: undefined,
    })
  })

  it('an unknown machine or a cut-off answer is visible', () => {
    const f = parseDistroFacts('GPAx:UNAME\nmips\n', 'GPAx')
    expect(f.arch).toBeUndefined()
    expect(f.ended).toBe(false)
  })
})

describe('distributions registered for the user (reg query, without starting WSL)', () => {
  const key = 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Lxss'
  it.each([
    ['no key', '', 0],
    ['the key with values only', `\r\n${key}\r\n    DefaultVersion    REG_DWORD    0x2\r\n\r\n`, 0],
    [
      'two distributions',
      `\r\n${key}\r\n    DefaultDistribution    REG_SZ    {a1b2c3d4-0000-4000-8000-000000000001}\r\n\r\n${key}\\{a1b2c3d4-0000-4000-8000-000000000001}\r\n${key}\\{a1b2c3d4-0000-4000-8000-000000000002}\r\n`,
      2,
    ],
  ])('%s', (_n, out, want) => {
    expect(registeredDistributions(out)).toBe(want)
  })
})

describe('registry values (reg query)', () => {
  it('parses a value line', () => {
    const out =
      '\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Command Processor\r\n    AutoRun    REG_EXPAND_SZ    doskey go=echo & set PATH=C:\\x;%PATH%\r\n\r\n'
    expect(parseRegValue(out, 'AutoRun')).toEqual({
      name: 'AutoRun',
      type: 'REG_EXPAND_SZ',
      data: 'doskey go=echo & set PATH=C:\\x;%PATH%',
    })
    expect(parseRegValue('    Path    REG_SZ    C:\\a;C:\\b\r\n', 'path')?.data).toBe('C:\\a;C:\\b')
    expect(parseRegValue('nothing', 'Path')).toBeNull()
  })
})
