/** Every input of action.yml, parsed: each value a user may write, and each error naming the input and the value. */
import { describe, expect, it } from '@jest/globals'
import { parseEnding, parseInputs, type Inputs } from '../../src/action/inputs.js'

const parse = (inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}, arch = 'x64') =>
  parseInputs((name) => inputs[name] ?? '', env, arch)
const errorOf = (inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}) => {
  try {
    parse(inputs, env)
  } catch (err) {
    return (err as Error).message
  }
  return 'no error'
}

describe('parseInputs: the values a user writes', () => {
  it('nothing set: the defaults', () => {
    expect(parse({})).toEqual({
      goVersion: '',
      goVersionFile: '',
      goEnvFile: '',
      checkLatest: false,
      arch: { go: 'amd64', cache: 'x64' },
      token: '',
      downloadBaseUrl: 'https://go.dev/dl',
      downloadTimeoutMs: 600_000,
      gotoolchain: 'local',
      gopath: '',
      install: true,
      shells: 'auto',
      probeTimeoutMs: 60_000,
      failOn: ['config', 'toolchain', 'module'],
      summary: true,
      checkModules: true,
      workingDirectory: '.',
      wsl: 'auto',
      wslDistribution: '',
      wslUser: '',
      cache: true,
      cacheDependencyPath: '',
      cacheSave: 'always',
      fastDrive: true,
    })
  })
  it.each([
    ['go-version is kept as written (trimmed)', { 'go-version': ' 1.22 ' }, { goVersion: '1.22' }],
    [
      'booleans in every spelling',
      { 'check-latest': 'YES', install: 'off', summary: '0', 'check-modules': 'False' },
      { checkLatest: true, install: false, summary: false, checkModules: false },
    ],
    [
      'architecture as the runner names it',
      { architecture: 'arm64' },
      { arch: { go: 'arm64', cache: 'arm64' } },
    ],
    ['architecture as Go names it', { architecture: '386' }, { arch: { go: '386', cache: 'x86' } }],
    [
      'a mirror, its trailing slashes dropped',
      { 'go-download-base-url': 'https://m.example/go/' },
      { downloadBaseUrl: 'https://m.example/go' },
    ],
    ['download-timeout in seconds', { 'download-timeout': '1.5' }, { downloadTimeoutMs: 1500 }],
    ['gotoolchain: inherit exports nothing', { gotoolchain: 'inherit' }, { gotoolchain: null }],
    [
      'gotoolchain: a version and a fallback',
      { gotoolchain: 'go1.22.5+auto' },
      { gotoolchain: 'go1.22.5+auto' },
    ],
    ['gotoolchain: path', { gotoolchain: 'path' }, { gotoolchain: 'path' }],
    [
      'shells as a comma and newline list, lower-cased, once each',
      { shells: 'CMD, pwsh\nbash,cmd' },
      { shells: ['cmd', 'pwsh', 'bash'] },
    ],
    ['fail-on never', { 'fail-on': 'never' }, { failOn: [] }],
    ['fail-on a list', { 'fail-on': 'module, config' }, { failOn: ['module', 'config'] }],
    ['wsl true', { wsl: 'TRUE' }, { wsl: 'true' }],
    [
      'a distribution name with dots and dashes',
      { 'wsl-distribution': 'Ubuntu-24.04' },
      { wslDistribution: 'Ubuntu-24.04' },
    ],
    ['a working directory', { 'working-directory': 'sub/dir' }, { workingDirectory: 'sub/dir' }],
    ['cache off', { cache: 'false' }, { cache: false }],
    [
      'cache-dependency-path, one per line, as written',
      { 'cache-dependency-path': 'a/go.sum\nb/go.sum' },
      { cacheDependencyPath: 'a/go.sum\nb/go.sum' },
    ],
    [
      'cache-dependency-path with CRLF line ends',
      { 'cache-dependency-path': 'a/go.sum\r\nb/go.sum' },
      { cacheDependencyPath: 'a/go.sum\r\nb/go.sum' },
    ],
    ['cache-save never', { 'cache-save': 'never' }, { cacheSave: 'never' }],
    [
      'cache-save default-branch',
      { 'cache-save': ' default-branch ' },
      { cacheSave: 'default-branch' },
    ],
    ['fast-drive off', { 'fast-drive': 'false' }, { fastDrive: false }],
  ] as Array<[string, Record<string, string>, Partial<Inputs>]>)('%s', (_name, inputs, want) => {
    expect(parse(inputs)).toMatchObject(want)
  })
  it('the mirror from GO_DOWNLOAD_BASE_URL when the input is empty; the input wins', () => {
    expect(parse({}, { GO_DOWNLOAD_BASE_URL: 'http://env/dl' }).downloadBaseUrl).toBe(
      'http://env/dl',
    )
    expect(
      parse({ 'go-download-base-url': 'http://in/dl' }, { GO_DOWNLOAD_BASE_URL: 'http://env/dl' })
        .downloadBaseUrl,
    ).toBe('http://in/dl')
  })
  it("the runner's own architecture when the input is empty", () => {
    expect(parse({}, {}, 'arm64').arch).toEqual({ go: 'arm64', cache: 'arm64' })
  })
})

describe('parseInputs: each error names the input and the value, all at once', () => {
  it.each([
    [{ 'check-latest': 'maybe' }, 'check-latest: "maybe" is not a boolean (use true or false)'],
    [{ architecture: 'sparc' }, 'architecture: "sparc" is not a known architecture'],
    [
      { 'go-download-base-url': 'ftp://m/dl' },
      'go-download-base-url: "ftp://m/dl" must be an http or https URL',
    ],
    [{ 'go-download-base-url': 'not a url' }, 'go-download-base-url: "not a url" is not a URL'],
    [
      { 'download-timeout': '0' },
      'download-timeout: "0" is not a number of seconds from 1 to 7200',
    ],
    [
      { 'probe-timeout': 'soon' },
      'probe-timeout: "soon" is not a number of seconds from 1 to 3600',
    ],
    [{ gotoolchain: 'newest' }, 'gotoolchain: "newest" is not a GOTOOLCHAIN value'],
    [{ shells: 'tcsh' }, 'shells: "tcsh" is not a shell this action probes'],
    [
      { 'fail-on': 'warnings' },
      'fail-on: "warnings" is not one of any, never, or a list of config, toolchain, module',
    ],
    [{ wsl: 'sometimes' }, 'wsl: "sometimes" is not one of auto, true, false'],
    [{ 'wsl-distribution': 'a b' }, 'wsl-distribution: "a b" is not a distribution name'],
    [{ 'wsl-user': 'x;rm' }, 'wsl-user: "x;rm" is not a user name'],
    [{ gopath: '/go\nPATH=/x' }, 'gopath: "/go\\nPATH=/x" holds a control character'],
    [{ cache: 'perhaps' }, 'cache: "perhaps" is not a boolean (use true or false)'],
    [
      { 'cache-save': 'sometimes' },
      'cache-save: "sometimes" is not one of always, never, default-branch',
    ],
    [{ 'fast-drive': 'D' }, 'fast-drive: "D" is not a boolean (use true or false)'],
    [
      { 'cache-dependency-path': 'a/go.sum\r\nb/go.sum\u0007' },
      'cache-dependency-path: "a/go.sum\\r\\nb/go.sum\\u0007" holds a control character',
    ],
  ])('%j', (inputs, message) => {
    expect(errorOf(inputs)).toContain(message)
  })
  it('an error from GO_DOWNLOAD_BASE_URL names the variable', () => {
    expect(errorOf({}, { GO_DOWNLOAD_BASE_URL: 'file:///x' })).toContain(
      'GO_DOWNLOAD_BASE_URL: "file:///x" must be an http or https URL',
    )
  })
  it('several bad inputs: one error naming every one', () => {
    expect(errorOf({ wsl: 'x', install: 'y' })).toBe(
      'install: "y" is not a boolean (use true or false); wsl: "x" is not one of auto, true, false',
    )
  })
})

describe('parseEnding: how even a run with a bad input ends', () => {
  it.each([
    [{}, { failOn: ['config', 'toolchain', 'module'], summary: true }],
    [
      { 'fail-on': 'never', summary: 'false' },
      { failOn: [], summary: false },
    ],
    // a bad fail-on is reported by parseInputs; until then the run fails on anything
    [
      { 'fail-on': 'bogus', summary: 'maybe' },
      { failOn: ['config', 'toolchain', 'module'], summary: true },
    ],
  ])('%j', (inputs, want) => {
    expect(parseEnding((n) => (inputs as Record<string, string>)[n] ?? '')).toEqual(want)
  })
})
