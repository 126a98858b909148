/**
 * The environment a new terminal starts with (pure): a login's on Linux and macOS, the one
 * Windows rebuilds from the registry (documented behaviour: shell32's
 * RegenerateUserEnvironment as microsoft/terminal's til/env.h replicates it).
 */
import { describe, expect, it } from '@jest/globals'
import {
  expandWith,
  loginDefsPath,
  loginEnvironment,
  parseEtcEnvironment,
  pathHelper,
  registryEnvironment,
  type RegistryHive,
} from '../../src/cli/start/start.js'
import { parseRegKey } from '../../src/registry/reg.js'

const user = { name: 'me', home: '/home/me', shell: '/bin/zsh', uid: 1000 }

describe('a new login on Linux', () => {
  it('/etc/environment as pam_env reads it: export, quotes and comments', () => {
    expect(
      parseEtcEnvironment(
        '# c\nPATH="/usr/local/bin:/usr/bin"\nexport GOPATH=/srv/go\nbad line\n1X=no\nLANG=\'C.UTF-8\'\n',
      ),
    ).toEqual([
      { name: 'PATH', value: '/usr/local/bin:/usr/bin', line: 2 },
      { name: 'GOPATH', value: '/srv/go', line: 3 },
      { name: 'LANG', value: 'C.UTF-8', line: 6 },
    ])
  })
  it('login.defs: ENV_SUPATH for root, ENV_PATH for everyone else, with or without PATH=', () => {
    const defs = '#\nENV_SUPATH\tPATH=/usr/local/sbin:/usr/sbin\nENV_PATH /usr/local/bin:/usr/bin\n'
    expect(loginDefsPath(defs, true)).toEqual({ value: '/usr/local/sbin:/usr/sbin', line: 2 })
    expect(loginDefsPath(defs, false)).toEqual({ value: '/usr/local/bin:/usr/bin', line: 3 })
    expect(loginDefsPath('', false)).toBeNull()
  })
  it('keeps only the user, locale and terminal of this process; PATH from /etc/environment wins over login.defs', () => {
    const s = loginEnvironment({
      platform: 'linux',
      current: {
        HOME: '/home/me',
        LANG: 'de_DE.UTF-8',
        LC_TIME: 'C',
        PATH: '/from/this/terminal',
        GOROOT: '/x',
        BASH_ENV: '/y',
        TERM: 'xterm',
      },
      user,
      etcEnvironment: 'PATH=/e/bin:/usr/bin\nGOPATH=/srv/go\n',
      loginDefs: 'ENV_PATH PATH=/d/bin\n',
    })
    expect(s.env).toEqual({
      HOME: '/home/me',
      USER: 'me',
      LOGNAME: 'me',
      SHELL: '/bin/zsh',
      LANG: 'de_DE.UTF-8',
      LC_TIME: 'C',
      TERM: 'xterm',
      GOPATH: '/srv/go',
      PATH: '/e/bin:/usr/bin',
    })
    expect(s.path.map((p) => p.origin.where)).toEqual(['/etc/environment:1', '/etc/environment:1'])
    expect(s.vars.GOPATH.origin?.where).toBe('/etc/environment:2')
  })
  it("without /etc/environment's PATH: login.defs, else the login defaults; a TERM is always set", () => {
    const defs = loginEnvironment({
      platform: 'linux',
      current: {},
      user,
      loginDefs: 'ENV_PATH PATH=/d/bin:/usr/bin\n',
    })
    expect(defs.env.PATH).toBe('/d/bin:/usr/bin')
    expect(defs.path[0].origin).toMatchObject({ where: '/etc/login.defs:1', line: 1 })
    const none = loginEnvironment({ platform: 'linux', current: {}, user: { ...user, uid: 0 } })
    expect(none.env.PATH).toBe('/usr/local/bin:/usr/bin:/bin')
    expect(none.env.TERM).toBe('xterm-256color')
  })
})

describe('a new login on macOS: path_helper', () => {
  it("/etc/paths, then /etc/paths.d in name order, then launchd's PATH; each entry once", () => {
    const p = pathHelper('/usr/bin:/bin:/usr/sbin:/sbin', '/usr/local/bin\n/usr/bin\n/bin\n', [
      { file: '/etc/paths.d/go', text: '/usr/local/go/bin\n' },
      { file: '/etc/paths.d/100-rvictl', text: '/Library/Apple/usr/bin\n' },
    ])
    expect(p.map((e) => [e.entry, e.origin.where])).toEqual([
      ['/usr/local/bin', '/etc/paths:1'],
      ['/usr/bin', '/etc/paths:2'],
      ['/bin', '/etc/paths:3'],
      ['/Library/Apple/usr/bin', '/etc/paths.d/100-rvictl:1'],
      ['/usr/local/go/bin', '/etc/paths.d/go:1'],
      ['/usr/sbin', "launchd's PATH for a new login"],
      ['/sbin', "launchd's PATH for a new login"],
    ])
    const s = loginEnvironment({
      platform: 'darwin',
      current: {},
      user,
      etcPaths: '/usr/bin\n',
      pathsD: [],
    })
    expect(s.env.PATH).toBe('/usr/bin:/bin:/usr/sbin:/sbin')
  })
})

describe('a new terminal on Windows, from the registry (documented behaviour)', () => {
  const M = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment'
  const U = 'HKCU\\Environment'
  const hives = (
    machine: RegistryHive['values'],
    userValues: RegistryHive['values'],
    volatile: RegistryHive['values'] = [],
  ): RegistryHive[] => [
    { label: 'machine', key: M, values: machine },
    { label: 'user', key: U, values: userValues },
    { label: 'volatile', key: 'HKCU\\Volatile Environment', values: volatile },
  ]
  const signIn = { SystemRoot: 'C:\\Windows', USERPROFILE: 'C:\\Users\\me' }

  it('PATH is the machine value, then the user value; REG_EXPAND_SZ entries are expanded, each named with its key', () => {
    const s = registryEnvironment(
      hives(
        [
          {
            name: 'Path',
            type: 'REG_EXPAND_SZ',
            data: '%SystemRoot%\\system32;C:\\Program Files\\Go\\bin',
          },
        ],
        [{ name: 'Path', type: 'REG_EXPAND_SZ', data: '%USERPROFILE%\\go\\bin' }],
      ),
      signIn,
    )
    expect(s.env.Path).toBe(
      'C:\\Windows\\system32;C:\\Program Files\\Go\\bin;C:\\Users\\me\\go\\bin',
    )
    expect(s.path.map((p) => [p.entry, p.origin.where, p.origin.registry?.raw])).toEqual([
      [
        'C:\\Windows\\system32',
        `machine PATH in the registry (${M}\\Path)`,
        '%SystemRoot%\\system32',
      ],
      [
        'C:\\Program Files\\Go\\bin',
        `machine PATH in the registry (${M}\\Path)`,
        'C:\\Program Files\\Go\\bin',
      ],
      [
        'C:\\Users\\me\\go\\bin',
        `user PATH in the registry (${U}\\Path)`,
        '%USERPROFILE%\\go\\bin',
      ],
    ])
  })
  it('a REG_SZ value is not expanded: %USERPROFILE% stays literal', () => {
    const s = registryEnvironment(
      hives([], [{ name: 'Path', type: 'REG_SZ', data: '%USERPROFILE%\\go\\bin' }]),
      signIn,
    )
    expect(s.env.Path).toBe('%USERPROFILE%\\go\\bin')
  })
  it('REG_SZ values first, then REG_EXPAND_SZ expanded against what is loaded so far, hive by hive', () => {
    const s = registryEnvironment(
      hives(
        [{ name: 'GOROOT', type: 'REG_SZ', data: 'C:\\Go' }],
        [
          // listed before the value it names: the second pass still sees it
          { name: 'GOBIN', type: 'REG_EXPAND_SZ', data: '%GOPATH%\\bin' },
          { name: 'GOPATH', type: 'REG_SZ', data: 'D:\\go' },
          { name: 'X', type: 'REG_EXPAND_SZ', data: '%NOT_SET%\\y' },
        ],
      ),
      signIn,
    )
    expect(s.env).toMatchObject({
      GOROOT: 'C:\\Go',
      GOPATH: 'D:\\go',
      GOBIN: 'D:\\go\\bin',
      X: '%NOT_SET%\\y',
    })
    expect(s.vars.GOPATH.origin?.where).toBe(`${U}\\GOPATH (a user variable in the registry)`)
    expect(s.vars.GOROOT.origin?.where).toBe(`${M}\\GOROOT (a machine variable in the registry)`)
  })
  it('a user variable replaces the machine one (names case-insensitive, the first spelling kept)', () => {
    const s = registryEnvironment(
      hives(
        [{ name: 'GOPATH', type: 'REG_SZ', data: 'C:\\m' }],
        [{ name: 'gopath', type: 'REG_SZ', data: 'C:\\u' }],
      ),
      {},
    )
    expect(s.env).toEqual({ GOPATH: 'C:\\u' })
  })
  it('the volatile values come last; non-string values are not variables', () => {
    const s = registryEnvironment(
      hives(
        [],
        [{ name: 'N', type: 'REG_DWORD', data: '0x1' }],
        [{ name: 'LOCALAPPDATA', type: 'REG_SZ', data: 'C:\\Users\\me\\AppData\\Local' }],
      ),
      {},
    )
    expect(s.env).toEqual({ LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' })
  })
  it('%NAME% expansion: known names case-insensitively, unknown and unclosed left alone', () => {
    const look = (n: string) => ({ systemroot: 'C:\\Windows' })[n.toLowerCase()]
    expect(expandWith('%SystemRoot%;%SYSTEMROOT%\\x;%nope%;50%', look)).toBe(
      'C:\\Windows;C:\\Windows\\x;%nope%;50%',
    )
  })
  it("reg query's output: the values of the key, raw, and its subkeys apart", () => {
    const out = [
      '',
      'HKEY_CURRENT_USER\\Volatile Environment',
      '    LOGONSERVER    REG_SZ    \\\\DC1',
      '    Path    REG_EXPAND_SZ    %USERPROFILE%\\go\\bin;C:\\x y',
      '    EMPTY    REG_SZ    ',
      '',
      'HKEY_CURRENT_USER\\Volatile Environment\\1',
      '',
    ].join('\r\n')
    expect(parseRegKey(out)).toEqual({
      values: [
        { name: 'LOGONSERVER', type: 'REG_SZ', data: '\\\\DC1' },
        { name: 'Path', type: 'REG_EXPAND_SZ', data: '%USERPROFILE%\\go\\bin;C:\\x y' },
        { name: 'EMPTY', type: 'REG_SZ', data: '' },
      ],
      subkeys: ['HKEY_CURRENT_USER\\Volatile Environment\\1'],
    })
  })
})
