import { describe, expect, it } from '@jest/globals'
import { defaultGopath, planEnv } from '../../src/env/plan.js'

describe('planEnv', () => {
  it.each([
    [
      'win32 native paths, GOROOT/bin first',
      {
        goroot: 'C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64',
        gopath: 'C:\\Users\\runneradmin\\go',
        gotoolchain: 'local',
        platform: 'win32' as const,
      },
      {
        GOROOT: 'C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64',
        GOPATH: 'C:\\Users\\runneradmin\\go',
        GOTOOLCHAIN: 'local',
      },
      ['C:\\hostedtoolcache\\windows\\go\\1.22.5\\x64\\bin', 'C:\\Users\\runneradmin\\go\\bin'],
    ],
    [
      'win32 forward slashes and trailing separators are made native',
      {
        goroot: 'D:/a/_temp/go/',
        gopath: 'D:\\gopath\\\\',
        gotoolchain: 'auto',
        platform: 'win32' as const,
      },
      { GOROOT: 'D:\\a\\_temp\\go', GOPATH: 'D:\\gopath', GOTOOLCHAIN: 'auto' },
      ['D:\\a\\_temp\\go\\bin', 'D:\\gopath\\bin'],
    ],
    [
      'posix, inherit exports no GOTOOLCHAIN',
      {
        goroot: '/opt/hostedtoolcache/go/1.22.5/x64/',
        gopath: '/home/runner/go',
        gotoolchain: null,
        platform: 'linux' as const,
      },
      { GOROOT: '/opt/hostedtoolcache/go/1.22.5/x64', GOPATH: '/home/runner/go' },
      ['/opt/hostedtoolcache/go/1.22.5/x64/bin', '/home/runner/go/bin'],
    ],
    [
      'a root stays a root',
      { goroot: 'C:\\', gopath: 'D:/', gotoolchain: 'local', platform: 'win32' as const },
      { GOROOT: 'C:\\', GOPATH: 'D:\\', GOTOOLCHAIN: 'local' },
      ['C:\\bin', 'D:\\bin'],
    ],
  ])('%s', (_name, input, vars, pathEntries) => {
    const plan = planEnv(input)
    expect(plan.vars).toEqual(vars)
    expect(plan.path).toEqual(pathEntries)
  })

  it.each([
    [
      'win32',
      { USERPROFILE: 'C:\\Users\\runneradmin', HOME: '/c/Users/x' },
      'C:\\Users\\runneradmin\\go',
    ],
    ['linux', { HOME: '/home/runner', USERPROFILE: 'nope' }, '/home/runner/go'],
    ['darwin', {}, ''],
  ] as const)('default GOPATH on %s', (platform, env, want) => {
    expect(defaultGopath(platform, env)).toBe(want)
  })
})
