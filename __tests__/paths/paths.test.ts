import { describe, expect, it } from '@jest/globals'
import { DEFAULT_PATHEXT, pathCandidates, pathextList } from '../../src/processes/which.js'
import { createComparer } from '../../src/paths/compare.js'
import {
  expandPercentVars,
  msysToWindows,
  toHostPath,
  windowsToMsys,
  windowsToWsl,
  wslToWindows,
} from '../../src/paths/forms.js'
import { laterStepPath } from '../../src/action/later-path.js'
import { joinPath, splitPath } from '../../src/paths/split.js'
import { childEnv, getVar, setVar } from '../../src/processes/env.js'

describe('path forms', () => {
  it.each([
    ['/c/Program Files/Go/bin', 'C:\\Program Files\\Go\\bin'],
    ['/d', 'D:\\'],
    ['/usr/bin', null],
  ])('msys %s -> %s', (msys, win) => expect(msysToWindows(msys)).toBe(win))
  it.each([
    [
      '/mnt/c/hostedtoolcache/windows/go/1.22.5/x64/bin',
      '/mnt/',
      'C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin',
    ],
    ['/c/Users/x/bin', '/', 'C:\\Users\\x\\bin'],
    ['/win/d/a', '/win/', 'D:\\a'],
    ['/usr/local/go/bin', '/mnt/', null],
    ['/opt/go/bin', '/', null],
  ])('wsl %s under mount root %s -> %s', (wsl, root, win) =>
    expect(wslToWindows(wsl, root)).toBe(win),
  )
  it('windows -> msys / wsl', () => {
    expect(windowsToMsys('C:\\Users\\runneradmin\\go\\bin\\')).toBe('/c/Users/runneradmin/go/bin')
    expect(windowsToWsl('D:\\a\\repo')).toBe('/mnt/d/a/repo')
    expect(windowsToWsl('D:\\a\\repo', '/')).toBe('/d/a/repo')
  })
  it('an automount root of / maps WSL paths back (wsl.conf [automount] root=/)', () => {
    expect(toHostPath('/c/hostedtoolcache/go/bin/go.exe', 'wsl', 'win32', '/')).toBe(
      'C:\\hostedtoolcache\\go\\bin\\go.exe',
    )
  })
  it('%VAR% expansion is case-insensitive and leaves unknown names', () => {
    expect(expandPercentVars('%SystemRoot%\\System32;%NOPE%', { SYSTEMROOT: 'C:\\Windows' })).toBe(
      'C:\\Windows\\System32;%NOPE%',
    )
  })
})

describe('splitting PATH as the shell does', () => {
  it.each([
    ['C:\\a;C:\\b;;C:\\c', ['C:\\a', 'C:\\b', 'C:\\c']],
    // cmd and libuv: a ; inside double quotes belongs to the entry, the quotes do not
    ['"C:\\x\\quoted;semi";C:\\b', ['C:\\x\\quoted;semi', 'C:\\b']],
    ['C:\\a;"C:\\Program Files\\Go\\bin"', ['C:\\a', 'C:\\Program Files\\Go\\bin']],
    ['"C:\\open;C:\\b', ['C:\\open;C:\\b']],
  ])('win32 %s', (value, entries) => expect(splitPath(value, 'win32')).toEqual(entries))
  it('posix splits on : and keeps empty entries: a POSIX shell reads each as the current folder', () => {
    expect(splitPath('/a::/b:', 'posix')).toEqual(['/a', '', '/b', ''])
    expect(splitPath('', 'posix')).toEqual([])
  })
  it('Windows drops empty entries: they name nothing there', () => {
    expect(splitPath('C:\\a;;C:\\b;', 'win32')).toEqual(['C:\\a', 'C:\\b'])
  })
  it('joinPath quotes a Windows entry that holds ;', () => {
    expect(joinPath(['C:\\x;y', 'C:\\b'], 'win32')).toBe('"C:\\x;y";C:\\b')
  })
})

describe('the PATH a later step gets (the runner removes an equal GITHUB_PATH line first)', () => {
  it('first run: the entries go in front', () => {
    expect(laterStepPath('/usr/bin:/bin', ['/go/bin', '/gp/bin'], ':')).toBe(
      '/go/bin:/gp/bin:/usr/bin:/bin',
    )
  })
  it('a re-check later in the job: no entry twice', () => {
    const afterFirst = '/go/bin:/gp/bin:/usr/bin:/bin'
    expect(laterStepPath(afterFirst, ['/go/bin', '/gp/bin'], ':')).toBe(afterFirst)
  })
  it('an entry also on the original PATH keeps that later copy', () => {
    expect(laterStepPath('/go/bin:/gp/bin:/usr/bin:/go/bin', ['/go/bin', '/gp/bin'], ':')).toBe(
      '/go/bin:/gp/bin:/usr/bin:/go/bin',
    )
  })
  it("comparison is exact, as the runner's", () => {
    expect(laterStepPath('C:\\Go\\bin;C:\\x', ['c:\\go\\bin'], ';')).toBe(
      'c:\\go\\bin;C:\\Go\\bin;C:\\x',
    )
  })
})

describe('the comparer: one key for every spelling of the same folder', () => {
  const env = { USERPROFILE: 'C:\\Users\\runneradmin' }
  const win = createComparer({ platform: 'win32', env })
  const same: Array<[string, 'win32' | 'msys' | 'wsl' | 'posix']> = [
    ['C:\\Users\\runneradmin\\go\\bin', 'win32'],
    ['c:/users/RUNNERADMIN/go/bin/', 'win32'],
    ['C:\\Users\\runneradmin\\go\\bin\\\\', 'win32'],
    ['"C:\\Users\\runneradmin\\go\\bin"', 'win32'],
    ['%USERPROFILE%\\go\\bin', 'win32'],
    ['/c/Users/runneradmin/go/bin', 'msys'],
    ['/mnt/c/Users/runneradmin/go/bin', 'wsl'],
  ]
  it.each(same)('%s (%s)', (p, style) => {
    expect(win.dirKey(p, style)).toBe('c:\\users\\runneradmin\\go\\bin')
  })
  it('8.3 short names and symlinks go through the given realpath', () => {
    const real = (p: string) =>
      p === 'C:\\PROGRA~1\\Go\\bin' ? 'C:\\Program Files\\Go\\bin' : null
    const c = createComparer({ platform: 'win32', realpath: real })
    expect(c.dirKey('C:\\PROGRA~1\\Go\\bin', 'win32')).toBe('c:\\program files\\go\\bin')
    // an entry written twice is the spelling, not the folder
    expect(c.entryKey('C:\\PROGRA~1\\Go\\bin', 'win32')).toBe('c:\\progra~1\\go\\bin')
  })
  it('programs compare without .exe on Windows (Git Bash names go.exe as go)', () => {
    expect(win.programKey('/c/Go/bin/go', 'msys')).toBe(
      win.programKey('C:\\Go\\bin\\go.exe', 'win32'),
    )
    const real = (p: string) => (p === 'C:\\GO~1\\bin\\go.exe' ? 'C:\\Go 1\\bin\\go.exe' : null)
    const c = createComparer({ platform: 'win32', realpath: real })
    // the extension-less name is resolved through its .exe
    expect(c.programKey('C:\\GO~1\\bin\\go', 'win32')).toBe('c:\\go 1\\bin\\go')
  })
  it('posix keeps case and drops trailing and doubled slashes', () => {
    const c = createComparer({ platform: 'linux' })
    expect(c.dirKey('/opt//Go/bin/', 'posix')).toBe('/opt/Go/bin')
    expect(c.dirKey('/', 'posix')).toBe('/')
  })
  it('a root drive keeps its separator', () => {
    expect(win.dirKey('C:\\', 'win32')).toBe('c:\\')
  })
  it('a Linux path inside WSL stays a Linux path on a Windows host', () => {
    expect(win.dirKey('/opt/Go/bin/', 'wsl')).toBe('/opt/Go/bin')
    expect(win.dirKey('/mnt/c/Go/bin', 'wsl')).toBe('c:\\go\\bin')
  })
  it('the mount root is honoured', () => {
    const c = createComparer({ platform: 'win32', mountRoot: '/' })
    expect(c.dirKey('/c/Go/bin', 'wsl')).toBe('c:\\go\\bin')
  })
  it('a carriage return is part of the value (never trimmed away)', () => {
    expect(win.dirKey('C:\\go\r', 'win32')).not.toBe(win.dirKey('C:\\go', 'win32'))
  })
})

describe('child environments on Windows', () => {
  it('Path and PATH collapse into one key, the last assignment winning', () => {
    const env = { Path: 'C:\\old', Other: 'x', PATH: 'C:\\new;C:\\old' }
    expect(childEnv(env, 'win32')).toEqual({ Path: 'C:\\new;C:\\old', Other: 'x' })
    expect(setVar(env, 'path', 'C:\\go\\bin', 'win32')).toEqual({ Path: 'C:\\go\\bin', Other: 'x' })
    expect(getVar({ Path: 'a', PATH: 'b' }, 'PATH', 'win32')).toBe('b')
  })
  it('posix keeps names as they are', () => {
    expect(childEnv({ Path: 'a', PATH: 'b' }, 'linux')).toEqual({ Path: 'a', PATH: 'b' })
  })
})

describe("makeDirs always ends (Node 20's recursive mkdir loops forever under /proc)", () => {
  it('creates missing levels, says why it cannot, and never hangs', async () => {
    const { makeDirs } = await import('../../src/files/dirs.js')
    const { mkdtempSync, writeFileSync, statSync } = await import('node:fs')
    const os = (await import('node:os')).default
    const root = mkdtempSync(`${os.tmpdir()}/gpa-mk-`)
    await makeDirs(`${root}/a/b/c`)
    expect(statSync(`${root}/a/b/c`).isDirectory()).toBe(true)
    await makeDirs(`${root}/a/b/c`)
    writeFileSync(`${root}/file`, '')
    await expect(makeDirs(`${root}/file/x`)).rejects.toMatchObject({ code: 'ENOTDIR' })
    await expect(makeDirs('/proc/no-such/go/bin')).rejects.toMatchObject({ code: 'ENOENT' })
  })
})

describe("Windows' program lookup order (documented behaviour of cmd and CreateProcess)", () => {
  it('PATHEXT unset: .COM before .EXE before .BAT before .CMD', () => {
    expect(DEFAULT_PATHEXT).toBe('.COM;.EXE;.BAT;.CMD')
    expect(pathextList(undefined)).toEqual(['.com', '.exe', '.bat', '.cmd'])
    expect(pathextList('')).toEqual(['.com', '.exe', '.bat', '.cmd'])
  })
  it('each folder in order, each extension in order within a folder', () => {
    expect(pathCandidates('go', ['C:\\a', 'C:\\b'], 'win32', '.EXE;.CMD')).toEqual([
      'C:\\a\\go.EXE'.replace('EXE', 'exe'),
      'C:\\a\\go.cmd',
      'C:\\b\\go.exe',
      'C:\\b\\go.cmd',
    ])
    // a go.com beside go.exe runs first when PATHEXT is unset
    expect(pathCandidates('go', ['C:\\g\\bin'], 'win32')[0]).toBe('C:\\g\\bin\\go.com')
  })
})
