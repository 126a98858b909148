import { describe, expect, it } from '@jest/globals'
import { defaultGopath, planEnv, type EnvPlanInput } from '../../src/action/export-plan.js'
import { FindingError } from '../../src/findings/errors.js'

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
    const plan = planEnv({ ...input, gopathFrom: { kind: 'input' } })
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

  const base: Omit<EnvPlanInput, 'gopath' | 'gopathFrom'> = {
    goroot: '/opt/go',
    gotoolchain: 'local',
    platform: 'linux',
  }
  const refused = (
    gopath: string,
    from: EnvPlanInput['gopathFrom'],
    platform: NodeJS.Platform = 'linux',
  ) => {
    try {
      planEnv({
        ...base,
        goroot: platform === 'win32' ? 'C:\\go' : '/opt/go',
        platform,
        gopath,
        gopathFrom: from,
      })
    } catch (err) {
      return (err as FindingError).finding
    }
    throw new Error('accepted')
  }

  it.each([
    ['relative', 'rel/go', 'is not an absolute path'],
    ['a newline (another GITHUB_PATH line)', '/home/x/go\nGOROOT=/evil', 'control character'],
    ['a carriage return', '/home/x/go\r', 'control character'],
    ['empty', '', 'is empty'],
  ])('the gopath input %s is refused, naming the input and the value', (_n, value, why) => {
    const f = refused(value, { kind: 'input' })
    expect(f.id).toBe('input-invalid')
    expect(f.message).toContain('gopath: ')
    expect(f.message).toContain(why)
  })

  it("a go env -w GOPATH with a trailing \\r (cmd's echo into the file) names the go env file", () => {
    const f = refused(
      'D:\\go\r',
      { kind: 'go env', file: 'C:\\Users\\x\\AppData\\Roaming\\go\\env' },
      'win32',
    )
    expect(f.id).toBe('gopath-unusable')
    expect(f.message).toContain('AppData\\Roaming\\go\\env')
    expect(f.message).toContain('"D:\\\\go\\r"')
  })

  it('no home folder: the default GOPATH cannot be determined (never ".")', () => {
    const f = refused('', { kind: 'default', home: '' })
    expect(f).toMatchObject({ id: 'gopath-unusable', category: 'config' })
    expect(f.message).toContain('set the gopath input')
  })

  it('a Windows GOPATH must be a drive or UNC path', () => {
    expect(refused('\\go', { kind: 'input' }, 'win32').message).toContain('not an absolute path')
    expect(
      planEnv({
        ...base,
        goroot: 'C:\\go',
        platform: 'win32',
        gopath: '\\\\srv\\share\\go',
        gopathFrom: { kind: 'input' },
      }).gopathBin,
    ).toBe('\\\\srv\\share\\go\\bin')
  })

  it("GOPATH/bin is the first GOPATH entry's", () => {
    expect(
      planEnv({ ...base, gopath: '/a/go:/b/go', gopathFrom: { kind: 'input' } }).gopathBin,
    ).toBe('/a/go/bin')
  })
})
