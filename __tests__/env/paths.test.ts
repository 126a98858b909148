import { describe, expect, it } from '@jest/globals'
import {
  expandPercentVars,
  msysToWindows,
  pathKey,
  windowsToMsys,
  windowsToWsl,
  wslToWindows,
} from '../../src/env/paths.js'
import { childEnv, getVar, setVar } from '../../src/env/child-env.js'

describe('path forms', () => {
  it.each([
    ['/c/Program Files/Go/bin', 'C:\\Program Files\\Go\\bin'],
    ['/d', 'D:\\'],
    ['/usr/bin', null],
  ])('msys %s -> %s', (msys, win) => expect(msysToWindows(msys)).toBe(win))
  it.each([
    [
      '/mnt/c/hostedtoolcache/windows/go/1.22.5/x64/bin',
      'C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin',
    ],
    ['/usr/local/go/bin', null],
  ])('wsl %s -> %s', (wsl, win) => expect(wslToWindows(wsl)).toBe(win))
  it('windows -> msys / wsl', () => {
    expect(windowsToMsys('C:\\Users\\runneradmin\\go\\bin\\')).toBe('/c/Users/runneradmin/go/bin')
    expect(windowsToWsl('D:\\a\\repo')).toBe('/mnt/d/a/repo')
  })
  it('%VAR% expansion is case-insensitive and leaves unknown names', () => {
    expect(expandPercentVars('%SystemRoot%\\System32;%NOPE%', { SYSTEMROOT: 'C:\\Windows' })).toBe(
      'C:\\Windows\\System32;%NOPE%',
    )
  })
})

describe('pathKey: one key for every spelling of the same folder', () => {
  const env = { USERPROFILE: 'C:\\Users\\runneradmin' }
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
    expect(pathKey(p, style, 'win32', env)).toBe('c:\\users\\runneradmin\\go\\bin')
  })
  it('8.3 short names and symlinks go through the given realpath', () => {
    const real = (p: string) =>
      p === 'C:\\PROGRA~1\\Go\\bin' ? 'C:\\Program Files\\Go\\bin' : null
    expect(pathKey('C:\\PROGRA~1\\Go\\bin', 'win32', 'win32', {}, real)).toBe(
      'c:\\program files\\go\\bin',
    )
  })
  it('posix keeps case and drops trailing and doubled slashes', () => {
    expect(pathKey('/opt//Go/bin/', 'posix', 'linux')).toBe('/opt/Go/bin')
    expect(pathKey('/', 'posix', 'linux')).toBe('/')
  })
  it('a root drive keeps its separator', () => {
    expect(pathKey('C:\\', 'win32', 'win32')).toBe('c:\\')
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
