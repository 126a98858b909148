/**
 * Reading a traced start-up (pure): the records each tracer prints, the places they name,
 * what the shells say `go` is, and cmd's AutoRun split into segments.
 */
import { describe, expect, it } from '@jest/globals'
import { autorunSegments, cmdTerminalLine, parseCmd } from '../../src/shells/cmd.js'
import { fnSite, goKind, parseEnvDump, zshPs4 } from '../../src/shells/posix.js'
import {
  fishPlace,
  parseCmdSnaps,
  parseFishTrace,
  parsePwshTrace,
  parseXtrace,
  TRACED,
  withoutTrace,
} from '../../src/shells/trace.js'

const M = 'GPA0123456789abcdef'
const US = '\x1f'
const RS = '\x1e'
/** One record as the bash and sh tracers print it: file, line, then every traced value. */
const rec = (
  file: string,
  line: string,
  v: Partial<Record<(typeof TRACED)[number], string | null>>,
) =>
  `\n${M}T${US}${file}${US}${line}${TRACED.map((n) => `${US}${v[n] === undefined || v[n] === null ? 'u' : `s${v[n]}`}`).join('')}${RS}`

describe('bash, zsh and sh records: each holds the values before its command', () => {
  it('the values after a command are those of the next record, the place that of the command', () => {
    const text = [
      rec('/w.sh', '20', { PATH: '/usr/bin' }),
      'PATH=/opt/go/bin:/usr/bin',
      rec('/home/me/.bashrc', '4', { PATH: '/usr/bin' }),
      'export GOROOT=/opt/go',
      rec('/home/me/.bashrc', '5', { PATH: '/opt/go/bin:/usr/bin' }),
      rec('/w.sh', '30', { PATH: '/opt/go/bin:/usr/bin', GOROOT: '/opt/go' }),
    ].join('')
    const t = parseXtrace(text, M)
    expect(
      t.steps.map((s) => [s.at && `${s.at.file}:${s.at.line}`, s.values.PATH, s.values.GOROOT]),
    ).toEqual([
      [null, '/usr/bin', null],
      ['/w.sh:20', '/usr/bin', null],
      ['/home/me/.bashrc:4', '/opt/go/bin:/usr/bin', null],
      ['/home/me/.bashrc:5', '/opt/go/bin:/usr/bin', '/opt/go'],
    ])
    expect(t.brokenAfter).toBeUndefined()
  })
  it('a set empty value is set; unset is unset; an empty field (sh has no alias table) is unknown', () => {
    const field = (n: string) =>
      n === 'PATH' ? 's/bin' : n === 'GOROOT' ? 's' : n === 'ALIAS' ? '' : 'u'
    const text = `\n${M}T${US}/f${US}1${TRACED.map((n) => `${US}${field(n)}`).join('')}${RS}`
    expect(parseXtrace(text, M).steps[0].values).toMatchObject({
      PATH: '/bin',
      GOROOT: '',
      GOPATH: null,
      ALIAS: null,
    })
  })
  it('sh records no line: the place is the file alone', () => {
    const t = parseXtrace(
      rec('/home/me/.shrc', '', { PATH: '/a' }) + rec('', '', { PATH: '/b:/a' }),
      M,
    )
    expect(t.steps[1].at).toEqual({ file: '/home/me/.shrc', line: null })
  })
  it('a record a startup file broke (PS4 no longer expanded) ends the trace there, and says where', () => {
    const broken = `\n${M}T${US}/home/me/.zshrc${US}9${US}\${PATH+s}${TRACED.slice(1)
      .map(() => `${US}u`)
      .join('')}${RS}`
    const t = parseXtrace(rec('/home/me/.zshrc', '8', { PATH: '/a' }) + broken, M)
    expect(t.steps).toHaveLength(1)
    expect(t.brokenAfter).toEqual({ file: '/home/me/.zshrc', line: 8 })
  })
  it('a value holding newlines, quotes or the other marker stays whole', () => {
    const t = parseXtrace(rec('/f', '1', { PATH: '/a b\n\'c\'"d":$(x)' }), M)
    expect(t.steps[0].values.PATH).toBe('/a b\n\'c\'"d":$(x)')
  })
  it('stderr without the records and the command text after each; what the shell itself printed stays', () => {
    const err = `${rec('/f', '1', { PATH: '/a' })}+ PATH=/b\nbash: /home/me/.bashrc: line 3: oops: command not found\n${rec('/f', '2', { PATH: '/b' })} true\n`
    expect(withoutTrace(err, M)).toBe(
      '\nbash: /home/me/.bashrc: line 3: oops: command not found\n\n',
    )
  })
  it("zsh's trace prompt doubles a % in values, so prompt expansion leaves them as they are", () => {
    const ps4 = zshPs4(M)
    expect(ps4.startsWith(`\n${M}T${US}%x${US}%I`)).toBe(true)
    expect(ps4).toContain('${PATH+s}${${PATH-}//\\%/%%}')
    expect(ps4).toContain('${aliases[go]+s}${${aliases[go]-}//\\%/%%}')
    expect(ps4.endsWith(RS)).toBe(true)
    expect(ps4.split(US)).toHaveLength(3 + TRACED.length)
  })
})

describe('fish: a record after each change, its place from `status stack-trace`', () => {
  const home = '/home/me'
  const data = '/usr/share/fish'
  it.each([
    [
      'a set in config.fish',
      "in function '__gpa_watch' with arguments 'VARIABLE SET PATH'\n\tcalled on line 1 of file /tmp/probe.fish\nin event handler: handler for variable 'PATH'\n\tcalled on line 3 of file ~/.config/fish/config.fish\n",
      { file: '/home/me/.config/fish/config.fish', line: 3 },
    ],
    [
      "fish_add_path (fish's own function) called from config.fish: the caller's line",
      "in function '__gpa_watch'\nin event handler: handler for variable 'PATH'\n\tcalled on line 148 of file /usr/share/fish/functions/fish_add_path.fish\nin function 'fish_add_path' with arguments '-g /opt/x'\n\tcalled on line 5 of file ~/.config/fish/config.fish\n",
      { file: '/home/me/.config/fish/config.fish', line: 5 },
    ],
    [
      "fish's own config.fish and nothing else: fish's own place",
      "in function '__gpa_watch'\nin event handler: handler for variable 'PATH'\n\tcalled on line 127 of file /usr/share/fish/config.fish\n",
      { file: '/usr/share/fish/config.fish', line: 127 },
    ],
  ])('%s', (_name, stack, place) => {
    expect(fishPlace(stack, home, data)).toEqual(place)
  })
  it('a change with no file (a -c command) has no place', () => {
    expect(
      fishPlace("in function 'f'\nin event handler: handler for variable 'PATH'\n", home, data),
    ).toBeNull()
  })
  it('start, universal, changes and end', () => {
    const r = (head: string, path: string) =>
      `\n${M}T${US}${head}${US}${US}${TRACED.map((n) => (n === 'PATH' ? `s${path}` : n === 'ALIAS' ? '' : 'u')).join(US)}${RS}`
    const text =
      r('start', '/usr/bin') +
      r('universal /home/me/.config/fish/fish_variables', '/usr/bin') +
      r(
        "in event handler: handler for variable 'PATH'\n\tcalled on line 2 of file ~/.config/fish/conf.d/go.fish",
        '/go/bin:/usr/bin',
      ) +
      r('end', '/go/bin:/usr/bin')
    const t = parseFishTrace(text, M, home, data)
    expect(t.steps.map((s) => [s.at?.file ?? null, s.at?.line ?? null, s.values.PATH])).toEqual([
      [null, null, '/usr/bin'],
      ['/home/me/.config/fish/fish_variables', null, '/usr/bin'],
      ['/home/me/.config/fish/conf.d/go.fish', 2, '/go/bin:/usr/bin'],
    ])
  })
})

describe('pwsh: the values before each profile line, as JSON', () => {
  it('the change made by a line shows in the next record; blocked profiles are kept', () => {
    const lines = [
      { file: '', line: 0, PATH: '/usr/bin', GOROOT: null, ALIAS: null },
      { file: '/p.ps1', line: 1, PATH: '/usr/bin', GOROOT: null, ALIAS: null },
      { file: '/p.ps1', line: 2, PATH: '/go/bin:/usr/bin', GOROOT: null, ALIAS: null },
      { file: '', line: 0, PATH: '/go/bin:/usr/bin', GOROOT: null, ALIAS: '/x/go' },
    ]
    const t = parsePwshTrace(lines.map((l) => JSON.stringify(l)).join('\r\n'), ['C:\\p.ps1'])
    expect(
      t.steps.map((s) => [s.at && `${s.at.file}:${s.at.line}`, s.values.PATH, s.values.ALIAS]),
    ).toEqual([
      [null, '/usr/bin', null],
      [':null', '/usr/bin', null],
      ['/p.ps1:1', '/go/bin:/usr/bin', null],
      ['/p.ps1:2', '/go/bin:/usr/bin', '/x/go'],
    ])
    expect(t.blocked).toEqual(['C:\\p.ps1'])
  })
})

describe("cmd's AutoRun: the segments a terminal's cmd runs one after the other", () => {
  it.each([
    ['set PATH=C:\\x;%PATH%', ['set PATH=C:\\x;%PATH%']],
    ['a & b & c', ['a', 'b', 'c']],
    // conda's hook, chained by another tool
    [
      'if exist "C:\\conda\\condabin\\conda_hook.bat" "C:\\conda\\condabin\\conda_hook.bat" & set GOFLAGS=-mod=mod',
      [
        'if exist "C:\\conda\\condabin\\conda_hook.bat" "C:\\conda\\condabin\\conda_hook.bat"',
        'set GOFLAGS=-mod=mod',
      ],
    ],
    ['echo "a & b" & set X=1', ['echo "a & b"', 'set X=1']],
    ['a && b', null],
    ['a || b', null],
    ['(a & b)', null],
    ['a | b', null],
    ['a ^& b', null],
    ['a & & b', null],
  ])('%s', (value, segments) => {
    expect(autorunSegments(value)).toEqual(segments)
  })
  it('each value is its own command line (a nested cmd), with a snapshot after each segment', () => {
    expect(
      cmdTerminalLine('C:\\t\\p.cmd', [
        { key: 'HKLM\\Software\\Microsoft\\Command Processor', value: 'a & b' },
        { key: 'HKCU\\Software\\Microsoft\\Command Processor', value: 'c' },
      ]),
    ).toBe(
      '/D /E:ON /V:OFF /S /C "call "C:\\t\\p.cmd" :snap 0 & a & call "C:\\t\\p.cmd" :snap 1 & b & call "C:\\t\\p.cmd" :snap 2 & cmd /D /E:ON /V:OFF /S /C "c & call "C:\\t\\p.cmd" :snap 3 & call "C:\\t\\p.cmd"""',
    )
  })
  it('the snapshots become the trace: segment k changed what differs after it', () => {
    const autorun = [
      {
        key: 'HKCU\\Software\\Microsoft\\Command Processor',
        value: 'set PATH=C:\\x;%PATH% & set GOFLAGS=-v',
      },
    ]
    const stdout = [
      `${M}:SNAP:0`,
      'Path=C:\\Windows',
      `${M}:SNAP:1`,
      'Path=C:\\x;C:\\Windows',
      `${M}:SNAP:2`,
      'Path=C:\\x;C:\\Windows',
      'GOFLAGS=-v',
      `${M}:PATH`,
      'Path=C:\\x;C:\\Windows',
      `${M}:END`,
    ].join('\r\n')
    const t = parseCmd(stdout, M, { mode: 'terminal', autorun }).trace!
    expect(
      t.steps.map((s) => [s.at?.segment?.index ?? null, s.values.PATH, s.values.GOFLAGS]),
    ).toEqual([
      [null, 'C:\\Windows', null],
      [1, 'C:\\x;C:\\Windows', null],
      [2, 'C:\\x;C:\\Windows', '-v'],
    ])
    expect(t.steps[1].at).toMatchObject({
      file: 'HKCU\\Software\\Microsoft\\Command Processor\\AutoRun',
      line: null,
    })
    expect(parseCmdSnaps([], []).steps).toEqual([])
  })
})

describe('what the shells say `go` is', () => {
  it.each([
    ['bash type -t: a program', 'file', 'file'],
    ['bash type -t', 'alias', 'alias'],
    ['bash type -t', 'function', 'function'],
    ['zsh whence -w', 'go: command', 'file'],
    ['zsh whence -w', 'go: alias', 'alias'],
    ['zsh whence -w', 'go: function', 'function'],
    ['zsh whence -w: nothing', 'go: none', 'none'],
    ['dash command -V', 'go is /usr/bin/go', 'file'],
    ['dash command -V: a hashed program', 'go is a tracked alias for /usr/bin/go', 'file'],
    ['dash command -V', 'go is an alias for /x/go', 'alias'],
    ['dash command -V', 'go is a shell function', 'function'],
    ['dash: nothing', 'go: not found', 'none'],
    ['fish type -t', 'function', 'function'],
    ['pwsh CommandType', 'application', 'file'],
    ['pwsh CommandType', 'cmdlet', 'builtin'],
    ['nothing printed', '', 'none'],
  ])('%s: %j', (_name, said, kind) => {
    expect(goKind(said)).toBe(kind)
  })
  it.each([
    ['bash declare -F', 'go 12 /home/me/.bashrc', { file: '/home/me/.bashrc', line: 12 }],
    [
      'bash declare -F, a path with spaces',
      'go 3 /home/me/my files/go.sh',
      { file: '/home/me/my files/go.sh', line: 3 },
    ],
    [
      'pwsh ScriptBlock',
      '7 C:\\Users\\me\\Documents\\PowerShell\\profile.ps1',
      { file: 'C:\\Users\\me\\Documents\\PowerShell\\profile.ps1', line: 7 },
    ],
    [
      'zsh functions_source: the file alone',
      '/home/me/.zshrc',
      { file: '/home/me/.zshrc', line: null },
    ],
    [
      'fish functions -D -v',
      '/home/me/.config/fish/config.fish\nnot-autoloaded\n4\nscope-shadowing\n',
      { file: '/home/me/.config/fish/config.fish', line: 4 },
    ],
    [
      'fish functions -D -v for an alias (defined through eval)',
      '-\nnot-autoloaded\n1\nscope-shadowing\nalias go=/x/go',
      undefined,
    ],
    ['nothing', '', undefined],
  ])('%s', (_name, said, site) => {
    expect(fnSite(said)).toEqual(site)
  })
  it('env -0 as an environment, without what the probe set to ask for it', () => {
    expect(parseEnvDump('A=1\0B=x\ny\0GPA_ENV_DUMP=1\0PS4=p\0')).toEqual({ A: '1', B: 'x\ny' })
  })
})
