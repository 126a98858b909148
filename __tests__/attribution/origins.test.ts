/**
 * Origins from a traced start-up (pure): an entry or variable is named after the command
 * that was seen to change it, after the layer it started in when nothing changed it, and
 * "origin not found" when it changed where no record was printed. Never a guessed line.
 */
import { describe, expect, it } from '@jest/globals'
import type { EnvLayer, Origin } from '../../src/base/origin.js'
import { goVarOrigin, originFor } from '../../src/attribution/attribute.js'
import { traceOrigins, type TraceOriginsInput } from '../../src/attribution/origins.js'
import { buildSights } from '../../src/check/sight.js'
import { finding } from '../../src/findings/catalog.js'
import type { StartTrace, TraceValues } from '../../src/shells/trace.js'
import { input, probe } from '../helpers/check-input.js'

const HOME = '/home/me'
const login: Origin = {
  layer: 'login',
  where: '/etc/login.defs:102',
  file: '/etc/login.defs',
  line: 102,
}
const start = (path: string[], vars: EnvLayer['vars'] = {}): EnvLayer => ({
  path: path.map((entry) => ({ entry, origin: login })),
  vars,
})
const v = (PATH: string, over: Partial<TraceValues> = {}): TraceValues => ({
  PATH,
  GOROOT: null,
  GOPATH: null,
  GOBIN: null,
  GOTOOLCHAIN: null,
  GOFLAGS: null,
  GOENV: null,
  ALIAS: null,
  ...over,
})
const at = (file: string, line: number | null) => ({ file, line })

function run(
  trace: StartTrace,
  final: {
    path: string
    env?: Record<string, string | null>
    kind?: 'file' | 'alias' | 'function'
  },
  over: Partial<TraceOriginsInput> = {},
) {
  return traceOrigins({
    shell: 'bash',
    start: start(['/usr/bin', '/bin']),
    trace,
    final: { path: final.path, env: final.env ?? {}, kind: final.kind },
    style: 'posix',
    startStyle: 'posix',
    sameEntry: (a, b) => a === b,
    home: HOME,
    layer: 'startup',
    isOwn: (f) => f.startsWith('/tmp/gpa/'),
    ...over,
  })
}
const where = (o: { entries: Array<{ entry: string; origin: Origin }> }) =>
  o.entries.map((e) => [e.entry, e.origin.where])

/** bash with another folder's go first on PATH, and the reference Go's tree after it. */
function oneGoFirst(first: string, ROOT: string) {
  const other = probe('bash', {
    pathStyle: 'posix',
    path: [first, `${ROOT}/bin`],
    hits: { go: [`${first}/go`, `${ROOT}/bin/go`], gofmt: [] },
  })
  return input([other], {
    platform: 'linux',
    expected: {
      goroot: ROOT,
      gopath: '/g',
      gotoolchain: null,
      version: '1.22.5',
      goBinary: `${ROOT}/bin/go`,
      gorootBin: `${ROOT}/bin`,
      gopathBin: '/g/bin',
    },
  })
}

describe('PATH entries', () => {
  it('an entry the start had keeps its layer; one a line added is that line', () => {
    const o = run(
      {
        steps: [
          { at: null, values: v('/usr/bin:/bin') },
          { at: at('/tmp/gpa/probe-bash-GPA1.sh', 20), values: v('/usr/bin:/bin') },
          { at: at('/home/me/.bashrc', 4), values: v('/home/me/sdk/go/bin:/usr/bin:/bin') },
        ],
        blocked: [],
      },
      { path: '/home/me/sdk/go/bin:/usr/bin:/bin' },
    )
    expect(where(o)).toEqual([
      ['/home/me/sdk/go/bin', '~/.bashrc:4'],
      ['/usr/bin', '/etc/login.defs:102'],
      ['/bin', '/etc/login.defs:102'],
    ])
    expect(o.entries[0].origin).toMatchObject({
      layer: 'startup',
      file: '/home/me/.bashrc',
      line: 4,
      shell: 'bash',
    })
    expect(o.note).toBeUndefined()
  })
  it('a line that reassigns PATH moving an entry ahead is where that entry comes from; the rest keep theirs', () => {
    const o = run(
      {
        steps: [
          { at: null, values: v('/usr/bin:/opt/go/bin') },
          { at: at('/home/me/.bashrc', 9), values: v('/opt/go/bin:/usr/bin') },
        ],
        blocked: [],
      },
      { path: '/opt/go/bin:/usr/bin' },
      { start: start(['/usr/bin', '/opt/go/bin']) },
    )
    expect(where(o)).toEqual([
      ['/opt/go/bin', '~/.bashrc:9'],
      ['/usr/bin', '/etc/login.defs:102'],
    ])
  })
  it('a second copy put in front is the line; the first copy keeps its layer', () => {
    const o = run(
      {
        steps: [
          { at: null, values: v('/usr/bin:/bin') },
          { at: at('/home/me/.profile', 3), values: v('/bin:/usr/bin:/bin') },
        ],
        blocked: [],
      },
      { path: '/bin:/usr/bin:/bin' },
    )
    expect(where(o)).toEqual([
      ['/bin', '~/.profile:3'],
      ['/usr/bin', '/etc/login.defs:102'],
      ['/bin', '/etc/login.defs:102'],
    ])
  })
  it('an entry the start-up removed is named with the line that removed it', () => {
    const o = run(
      {
        steps: [
          { at: null, values: v('/usr/bin:/bin') },
          { at: at('/home/me/.bashrc', 2), values: v('/usr/bin') },
        ],
        blocked: [],
      },
      { path: '/usr/bin' },
    )
    expect(o.removed).toEqual([
      { entry: '/bin', origin: expect.objectContaining({ where: '~/.bashrc:2' }) },
    ])
  })
  it('a change after the trace stopped (set +x, a new PS4) has no known origin, and the report says so', () => {
    const o = run(
      {
        steps: [{ at: null, values: v('/usr/bin:/bin') }],
        blocked: [],
        brokenAfter: at('/home/me/.bashrc', 7),
      },
      { path: '/x/bin:/usr/bin:/bin' },
    )
    expect(where(o)[0]).toEqual(['/x/bin', 'origin not found'])
    expect(o.note).toMatch(/stopped after ~\/\.bashrc:7/)
  })
  it("a change recorded at a line of this tool's own script is not the user's: origin not found", () => {
    const o = run(
      {
        steps: [
          { at: null, values: v('/usr/bin:/bin') },
          { at: at('/tmp/gpa/probe-bash-GPA1.sh', 31), values: v('/y:/usr/bin:/bin') },
        ],
        blocked: [],
      },
      { path: '/y:/usr/bin:/bin' },
    )
    expect(where(o)[0]).toEqual(['/y', 'origin not found'])
  })
  it('sh keeps no line numbers: the file alone, said as such', () => {
    const o = run(
      {
        steps: [
          { at: null, values: v('/usr/bin:/bin') },
          { at: at('/home/me/.shrc', null), values: v('/s:/usr/bin:/bin') },
        ],
        blocked: [],
      },
      { path: '/s:/usr/bin:/bin' },
      { shell: 'sh' },
    )
    expect(where(o)[0]).toEqual([
      '/s',
      '~/.shrc (sh keeps no line numbers: that file, or one it sources)',
    ])
    expect(o.entries[0].origin.line).toBeUndefined()
  })
  it("the login session's lines say so; the next layer keeps them as its start", () => {
    const session = run(
      {
        steps: [
          { at: null, values: v('/usr/bin:/bin') },
          { at: at('/home/me/.profile', 5), values: v('/home/me/go/bin:/usr/bin:/bin') },
        ],
        blocked: [],
      },
      { path: '/home/me/go/bin:/usr/bin:/bin' },
      { layer: 'session' },
    )
    expect(where(session)[0]).toEqual(['/home/me/go/bin', '~/.profile:5 (login session)'])
    const term = run(
      { steps: [{ at: null, values: v('/home/me/go/bin:/usr/bin:/bin') }], blocked: [] },
      { path: '/home/me/go/bin:/usr/bin:/bin' },
      { start: session.layer, shell: 'zsh' },
    )
    expect(where(term)[0]).toEqual(['/home/me/go/bin', '~/.profile:5 (login session)'])
  })
  it('what the shell added before any startup file is the shell itself (pwsh puts its own folder first)', () => {
    const o = run(
      { steps: [{ at: null, values: v('/opt/pwsh:/usr/bin:/bin') }], blocked: [] },
      { path: '/opt/pwsh:/usr/bin:/bin' },
      { shell: 'pwsh' },
    )
    expect(where(o)[0]).toEqual(['/opt/pwsh', 'pwsh itself, as it started'])
  })
  it("fish: entries fish's own config.fish took from the universal fish_user_paths are that variable", () => {
    const o = run(
      {
        steps: [
          { at: null, values: v('/usr/bin:/bin') },
          { at: at('/usr/share/fish/config.fish', 127), values: v('/u/bin:/usr/bin:/bin') },
        ],
        blocked: [],
      },
      { path: '/u/bin:/usr/bin:/bin' },
      {
        shell: 'fish',
        fishDataDir: '/usr/share/fish',
        fishUserPaths: { file: '/home/me/.config/fish/fish_variables', entries: ['/u/bin'] },
      },
    )
    expect(where(o)[0]).toEqual([
      '/u/bin',
      'the fish universal variable fish_user_paths (~/.config/fish/fish_variables)',
    ])
  })
  it("cmd's AutoRun: the segment", () => {
    const o = run(
      {
        steps: [
          { at: null, values: v('C:\\Windows') },
          {
            at: {
              file: 'HKCU\\Software\\Microsoft\\Command Processor\\AutoRun',
              line: null,
              segment: { index: 2, text: 'set PATH=C:\\x;%PATH%' },
            },
            values: v('C:\\x;C:\\Windows'),
          },
        ],
        blocked: [],
      },
      { path: 'C:\\x;C:\\Windows' },
      { shell: 'cmd', style: 'win32', startStyle: 'win32', start: start(['C:\\Windows']) },
    )
    expect(where(o)[0]).toEqual([
      'C:\\x',
      'cmd AutoRun (HKCU\\Software\\Microsoft\\Command Processor\\AutoRun, segment 2: set PATH=C:\\x;%PATH%)',
    ])
  })
  it('an empty entry (the current folder) is an entry like any other', () => {
    const o = run(
      {
        steps: [
          { at: null, values: v('/usr/bin:/bin') },
          { at: at('/home/me/.bashrc', 1), values: v(':/usr/bin:/bin') },
        ],
        blocked: [],
      },
      { path: ':/usr/bin:/bin' },
    )
    expect(where(o)[0]).toEqual(['', '~/.bashrc:1'])
  })
})

describe('Go variables, aliases and functions', () => {
  it('the last line that set a variable; one that was never set has no origin', () => {
    const o = run(
      {
        steps: [
          { at: null, values: v('/usr/bin') },
          { at: at('/home/me/.zshrc', 1), values: v('/usr/bin', { GOROOT: '/a' }) },
          { at: at('/home/me/.zshrc', 2), values: v('/usr/bin', { GOROOT: '/b' }) },
        ],
        blocked: [],
      },
      { path: '/usr/bin', env: { GOROOT: '/b' } },
      { shell: 'zsh' },
    )
    expect(o.vars.GOROOT?.where).toBe('~/.zshrc:2')
    expect(o.vars.GOPATH).toBeUndefined()
  })
  it('a variable from the login environment keeps that origin', () => {
    const o = run(
      { steps: [{ at: null, values: v('/usr/bin', { GOPATH: '/g' }) }], blocked: [] },
      { path: '/usr/bin', env: { GOPATH: '/g' } },
      {
        start: start(['/usr/bin'], {
          GOPATH: { value: '/g', origin: { layer: 'login', where: '/etc/environment:2' } },
        }),
      },
    )
    expect(o.vars.GOPATH?.where).toBe('/etc/environment:2')
  })
  it('an alias: the line that defined it', () => {
    const o = run(
      {
        steps: [
          { at: null, values: v('/usr/bin') },
          { at: at('/home/me/.zshrc', 3), values: v('/usr/bin', { ALIAS: '/x/go' }) },
        ],
        blocked: [],
      },
      { path: '/usr/bin', kind: 'alias' },
      { shell: 'zsh' },
    )
    expect(o.goDefinition?.where).toBe('~/.zshrc:3')
  })
  it("a function: the shell's own record of its definition; zsh keeps no line and says so; none seen is not found", () => {
    const bash = run(
      {
        steps: [{ at: null, values: v('/usr/bin') }],
        blocked: [],
        fnSite: at('/home/me/.bashrc', 12),
      },
      { path: '/usr/bin', kind: 'function' },
    )
    expect(bash.goDefinition?.where).toBe('~/.bashrc:12')
    const zsh = run(
      {
        steps: [{ at: null, values: v('/usr/bin') }],
        blocked: [],
        fnSite: at('/home/me/.zshrc', null),
      },
      { path: '/usr/bin', kind: 'function' },
      { shell: 'zsh' },
    )
    expect(zsh.goDefinition?.where).toBe("~/.zshrc (zsh keeps no line for a function's definition)")
    const sh = run(
      { steps: [{ at: null, values: v('/usr/bin') }], blocked: [] },
      { path: '/usr/bin', kind: 'function' },
      { shell: 'sh' },
    )
    expect(sh.goDefinition?.where).toBe('origin not found')
  })
})

describe('the origin behind a finding', () => {
  const layers = (over = {}) => ({ home: HOME, ...over })
  it('goVarOrigin: the shell, else the go env file (with its line), else $GOROOT/go.env, else none', () => {
    const o = run(
      { steps: [{ at: null, values: v('/usr/bin') }], blocked: [] },
      { path: '/usr/bin' },
    )
    const goEnvFile = {
      path: '/home/me/.config/go/env',
      values: { GOPATH: { value: '/g', line: 2 } },
    }
    const goDotEnv = {
      path: '/usr/local/go/go.env',
      values: { GOTOOLCHAIN: { value: 'auto', line: 11 } },
    }
    expect(goVarOrigin('GOPATH', o, layers({ goEnvFile }))).toMatchObject({
      layer: 'go env file',
      where: 'the go env file (~/.config/go/env:2)',
      line: 2,
    })
    expect(goVarOrigin('GOTOOLCHAIN', o, layers({ goEnvFile, goDotEnv }))).toMatchObject({
      layer: 'go.env',
      line: 11,
    })
    expect(goVarOrigin('GOROOT', o, layers())).toBeUndefined()
  })
  it("an installer's own folder is named for what it is (Scoop's shims, winget's Links)", () => {
    const ROOT = '/usr/local/go'
    const SHIMS = '/home/me/scoop/shims'
    const s = buildSights(oneGoFirst(SHIMS, ROOT))
    const o = run(
      {
        steps: [
          { at: null, values: v(`${ROOT}/bin`) },
          { at: at('/home/me/.bashrc', 2), values: v(`${SHIMS}:${ROOT}/bin`) },
        ],
        blocked: [],
      },
      { path: `${SHIMS}:${ROOT}/bin` },
      { start: start([`${ROOT}/bin`]) },
    )
    const f = finding('go-shadowed', ['bash'], 'x', {
      params: {
        program: `${SHIMS}/go`,
        dir: SHIMS,
        gorootBin: `${ROOT}/bin`,
        shell: 'bash',
        because: 'order',
      },
    })
    expect(originFor(f, s, s.shells[0], o, layers())?.where).toBe(
      "~/.bashrc:2; the folder is Scoop's shims",
    )
  })
  it('go-shadowed: the entry holding the go that runs; go-missing: the line that removed the folder', () => {
    const ROOT = '/usr/local/go'
    const c = oneGoFirst('/opt/old/bin', ROOT)
    const s = buildSights(c)
    const o = run(
      {
        steps: [
          { at: null, values: v(`${ROOT}/bin`) },
          { at: at('/home/me/.bashrc', 4), values: v(`/opt/old/bin:${ROOT}/bin`) },
        ],
        blocked: [],
      },
      { path: `/opt/old/bin:${ROOT}/bin` },
      { start: start([`${ROOT}/bin`]) },
    )
    const f = finding('go-shadowed', ['bash'], 'x', {
      params: {
        program: '/opt/old/bin/go',
        dir: '/opt/old/bin',
        gorootBin: `${ROOT}/bin`,
        shell: 'bash',
        because: 'order',
      },
    })
    expect(originFor(f, s, s.shells[0], o, layers())?.where).toBe('~/.bashrc:4')
    const gone = run(
      {
        steps: [
          { at: null, values: v(`${ROOT}/bin:/usr/bin`) },
          { at: at('/home/me/.bashrc', 8), values: v('/usr/bin') },
        ],
        blocked: [],
      },
      { path: '/usr/bin' },
      { start: start([`${ROOT}/bin`, '/usr/bin']) },
    )
    const missing = probe('bash', {
      pathStyle: 'posix',
      path: ['/usr/bin'],
      hits: { go: [], gofmt: [] },
      runs: undefined,
    })
    const s2 = buildSights(input([missing], { platform: 'linux', expected: c.expected }))
    expect(
      originFor(
        finding('go-missing', ['bash'], 'x', { params: { gorootBin: `${ROOT}/bin` } }),
        s2,
        s2.shells[0],
        gone,
        layers(),
      )?.where,
    ).toBe('~/.bashrc:8')
  })
})
