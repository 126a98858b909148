/**
 * The owned block, run for real in every shell that reads one (sh as dash, bash and zsh
 * for the POSIX block; fish; pwsh), from tables of PATHs and values: what it leaves PATH
 * and the Go variables as is what the table says, whatever the shell. cmd's block runs
 * under wine in the Windows lane. Where it goes in a file is a table too.
 */
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  blockLines,
  BlockError,
  findBlock,
  placeBlock,
  type Family,
  type GoTarget,
} from '../../../src/cli/fixes/blocks.js'
import { decodeText } from '../../../src/cli/fixes/text-file.js'
import { describeWith, toolPath, type Tool } from '../../helpers/tools.js'

const home = '/home/dev'
const BEGIN_MARK = '>>> go-path-arbiter >>>'

const target = (over: Partial<GoTarget> = {}): GoTarget => ({
  gorootBin: '/usr/local/go/bin',
  gopathBin: `${home}/go/bin`,
  vars: { GOROOT: null, GOPATH: null, GOBIN: null, GOTOOLCHAIN: null },
  home,
  varsUnderHome: true,
  dropGoCommand: false,
  windows: false,
  ...over,
})

/** What the block must leave PATH as: the bin first (other spellings out), GOPATH/bin added when missing. */
function expectedPath(entries: string[], t: GoTarget, sep = ':'): string {
  const same = (e: string) => e.replace(/\/+$/, '') === t.gorootBin.replace(/\/+$/, '')
  const out = [t.gorootBin, ...entries.filter((e) => !same(e))]
  if (!out.includes(t.gopathBin)) out.push(t.gopathBin)
  return out.join(sep)
}

const PATHS: Array<[string, string[]]> = [
  ['the bin already first', ['/usr/local/go/bin', '/usr/bin', '/bin']],
  ['another Go first', ['/opt/old/go/bin', '/usr/bin', '/usr/local/go/bin', '/bin']],
  [
    'the bin twice, and with a trailing slash',
    ['/usr/local/go/bin/', '/usr/bin', '/usr/local/go/bin'],
  ],
  ['GOPATH/bin already there', ['/usr/bin', `${home}/go/bin`, '/bin']],
  ['a folder with spaces and quotes', ['/opt/my "tools"/bin', "/opt/it's/bin", '/usr/bin']],
  ['empty entries (the current folder), kept', ['', '/usr/bin', '', '/bin', '']],
  ['an empty PATH', []],
]

interface Run {
  /** what the script printed before the block's results */
  printed: string[]
  /** PATH as the shell had it before the block (shells add to it as they start) */
  before: string[]
  path: string
  vars: Record<string, string>
  stderr: string
  status: number | null
}

const VARS = ['GOROOT', 'GOPATH', 'GOBIN', 'GOTOOLCHAIN'] as const

/** Runs a block in a shell, from PATH and a set of variables, and reads what it left. */
function runBlock(shell: string, family: Family, block: string[], entries: string[]): Run {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gpa-block-'))
  const start = entries.join(':')
  const marker = '@@'
  const before =
    family === 'fish'
      ? `printf '%s\\n' ${marker}0 (string join : -- $PATH)`
      : family === 'pwsh'
        ? `[Console]::Out.WriteLine('${marker}0'); [Console]::Out.WriteLine([string]$env:PATH)`
        : `printf '%s\\n%s\\n' ${marker}0 "$PATH"`
  const script =
    family === 'fish'
      ? [
          before,
          ...block,
          `printf '%s\\n' ${marker} (string join : -- $PATH)`,
          ...VARS.map(
            (v) =>
              `if set -q ${v}; printf '%s\\n' ${v}=$${v}; else; printf '%s\\n' ${v}-unset; end`,
          ),
        ]
      : family === 'pwsh'
        ? [
            before,
            ...block,
            `[Console]::Out.WriteLine('${marker}')`,
            `[Console]::Out.WriteLine([string]$env:PATH)`,
            ...VARS.map(
              (v) =>
                `if ($null -eq $env:${v}) { [Console]::Out.WriteLine('${v}-unset') } else { [Console]::Out.WriteLine('${v}=' + $env:${v}) }`,
            ),
          ]
        : [
            before,
            ...block,
            `printf '%s\\n%s\\n' ${marker} "$PATH"`,
            ...VARS.map(
              (v) =>
                `if [ -n "\${${v}+s}" ]; then printf '%s\\n' "${v}=$${v}"; else printf '%s\\n' ${v}-unset; fi`,
            ),
          ]
  const file = path.join(dir, family === 'pwsh' ? 'block.ps1' : 'block.sh')
  writeFileSync(file, `${script.join('\n')}\n`)
  const args = family === 'pwsh' ? ['-NoLogo', '-NoProfile', '-File', file] : [file]
  // the shell is started by its full name: the PATH it gets is the table's
  const r = spawnSync(shell, args, {
    env: { PATH: start, HOME: home, GOROOT: '/opt/old/go', GOPATH: '/tmp/old', LANG: 'C.UTF-8' },
    encoding: 'utf8',
  })
  const lines = r.stdout.split('\n')
  const at = lines.indexOf(marker)
  const at0 = lines.indexOf(`${marker}0`)
  const had = lines[at0 + 1] ?? ''
  const vars: Record<string, string> = {}
  for (const l of lines.slice(at + 2)) {
    const m = /^([A-Z]+)(?:=(.*)|-unset)$/.exec(l)
    if (m) vars[m[1]] = m[2] ?? '(unset)'
  }
  return {
    printed: lines.slice(at0 + 2, at),
    before: had === '' ? [] : had.split(':'),
    path: lines[at + 1] ?? '',
    vars,
    stderr: r.stderr,
    status: r.status,
  }
}

const SHELLS: Array<{ name: string; tool?: Tool; command: string; family: Family }> = [
  { name: 'sh (dash)', command: '/bin/sh', family: 'posix' },
  { name: 'bash', command: '/bin/bash', family: 'posix' },
  { name: 'zsh', tool: 'zsh', command: 'zsh', family: 'posix' },
  { name: 'fish', tool: 'fish', command: 'fish', family: 'fish' },
  { name: 'pwsh', tool: 'pwsh', command: 'pwsh', family: 'pwsh' },
]

for (const sh of SHELLS) {
  describeWith(sh.tool ? [sh.tool] : [], `the ${sh.family} block, run by ${sh.name}`, () => {
    const exe = () => (sh.tool ? toolPath(sh.tool)! : sh.command)
    // fish keeps no empty PATH entries; pwsh as a .NET tool cannot start with an empty PATH
    const cases = PATHS.filter(
      ([name]) =>
        (sh.family !== 'fish' || !name.startsWith('empty entries')) &&
        (sh.family !== 'pwsh' || name !== 'an empty PATH'),
    )
    it.each(cases)('%s', (_name, entries) => {
      const t = target({
        vars: { GOROOT: null, GOPATH: `${home}/go`, GOBIN: null, GOTOOLCHAIN: 'local' },
      })
      const r = runBlock(exe(), sh.family, blockLines(sh.family, t), entries)
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
      // the shell's own additions (pwsh's folder, zsh's and fish's default for an empty PATH) aside
      expect(r.path).toBe(expectedPath(r.before, t))
      if (sh.family === 'posix' && sh.name !== 'zsh') expect(r.before).toEqual(entries)
      expect(r.vars).toEqual({
        GOROOT: '(unset)',
        GOPATH: `${home}/go`,
        GOBIN: '(unset)',
        GOTOOLCHAIN: 'local',
      })
    })
    it('values with a quote, a dollar, a backslash and a newline are written as they are', () => {
      const odd = '/opt/it\'s $HOME \\ "q"\nline/go'
      const t = target({
        gorootBin: `${odd}/bin`,
        vars: { GOROOT: odd, GOPATH: `${home}/it's`, GOBIN: null, GOTOOLCHAIN: null },
      })
      const r = runBlock(exe(), sh.family, blockLines(sh.family, t), ['/usr/bin'])
      expect(r.stderr).toBe('')
      // the newline splits the printed PATH: compare the first line and the variables
      expect(r.path).toBe(`/opt/it's $HOME \\ "q"`)
      expect(r.vars.GOPATH).toBe(`${home}/it's`)
    })
    it('takes away an alias or function named go when asked', () => {
      const define =
        sh.family === 'fish'
          ? ['function go', '  echo wrapped', 'end']
          : sh.family === 'pwsh'
            ? ['function go {', "  'wrapped'", '}', 'Set-Alias -Name go -Value Get-Date']
            : [
                'go() {',
                '  echo wrapped',
                '}',
                ...(sh.name === 'sh (dash)' ? [] : ["alias go='echo aliased'"]),
              ]
      const check =
        sh.family === 'fish'
          ? ['if functions -q go; echo GOFN; end']
          : sh.family === 'pwsh'
            ? [
                "if (Get-Command go -CommandType Function, Alias -ErrorAction SilentlyContinue) { 'GOFN' }",
              ]
            : ['if command -V go 2>/dev/null | grep -q -e function -e alias; then echo GOFN; fi']
      const block = blockLines(sh.family, target({ dropGoCommand: true }))
      const r = runBlock(exe(), sh.family, [...define, ...block, ...check], ['/usr/bin', '/bin'])
      expect(r.stderr).toBe('')
      expect(r.path.split(':')[0]).toBe('/usr/local/go/bin')
      expect(r.printed).not.toContain('GOFN')
      // and the check itself can tell: without the block, it prints GOFN
      const without = runBlock(exe(), sh.family, [...define, ...check], ['/usr/bin', '/bin'])
      expect(without.printed).toContain('GOFN')
    })
  })
}

describe('where the block goes in a file', () => {
  const block = ['# >>> go-path-arbiter >>>', 'X=1', '# <<< go-path-arbiter <<<']
  const file = (text: string) => decodeText(Buffer.from(text))
  it.each([
    ['an empty file', '', `${block.join('\n')}\n`],
    [
      'a file ending with a line end: one blank line between',
      'a=1\n',
      `a=1\n\n${block.join('\n')}\n`,
    ],
    ['a file without a last line end: it gets one first', 'a=1', `a=1\n\n${block.join('\n')}\n`],
    [
      'a CRLF file: the block gets CRLF too',
      'a=1\r\nb=2\r\n',
      `a=1\r\nb=2\r\n\r\n${block.join('\r\n')}\r\n`,
    ],
    [
      'an old block with only comments after it: replaced where it stands, the rest untouched',
      'a=1\n# >>> go-path-arbiter >>>\nOLD\n# <<< go-path-arbiter <<<\n# mine\n\n',
      `a=1\n${block.join('\n')}\n# mine\n\n`,
    ],
    [
      'an old block with a line after it that can undo it: moved to the end',
      'a=1\n# >>> go-path-arbiter >>>\nOLD\n# <<< go-path-arbiter <<<\nb=2',
      `a=1\nb=2\n\n${block.join('\n')}\n`,
    ],
    [
      'the blank line --apply put before the old block goes with it',
      'a=1\n\n# >>> go-path-arbiter >>>\nOLD\n# <<< go-path-arbiter <<<\nb=2\n',
      `a=1\nb=2\n\n${block.join('\n')}\n`,
    ],
  ])('%s', (_name, text, want) => {
    expect(placeBlock(file(text), block)).toBe(want)
  })
  it('placing the same block again changes nothing', () => {
    const once = placeBlock(file('a=1\n'), block)
    expect(placeBlock(file(once), block)).toBe(once)
  })
  it.each<[string, Family, GoTarget]>([
    ['a pwsh profile (# markers)', 'pwsh', target()],
    [
      "cmd's AutoRun script (@rem markers)",
      'cmd',
      target({
        gorootBin: 'C:\\Go\\bin',
        gopathBin: 'C:\\Users\\dev\\go\\bin',
        home: undefined,
        windows: true,
      }),
    ],
  ])(
    '%s with CRLF line ends: a second --apply finds its block and replaces it in place, every line keeping its CR',
    (_n, family, t) => {
      const first = blockLines(family, t)
      const once = placeBlock(file('before\r\n'), first)
      expect(findBlock(once)).not.toBeNull()
      const second = blockLines(family, { ...t, vars: { ...t.vars, GOTOOLCHAIN: 'local' } })
      const twice = placeBlock(file(once), second)
      // one block, the new one, in the old one's place
      expect(twice.split(BEGIN_MARK).length - 1).toBe(1)
      expect(twice).toBe(`before\r\n\r\n${second.join('\r\n')}\r\n`)
      expect(
        twice
          .split('\n')
          .slice(0, -1)
          .every((l) => l.endsWith('\r')),
      ).toBe(true)
    },
  )
  it.each([
    ['a start without an end', 'a\n# >>> go-path-arbiter >>>\nb\n'],
    ['an end without a start', 'a\n# <<< go-path-arbiter <<<\n'],
    [
      'two starts',
      '# >>> go-path-arbiter >>>\n# >>> go-path-arbiter >>>\n# <<< go-path-arbiter <<<\n',
    ],
  ])('refuses a file with %s (edit it by hand)', (_name, text) => {
    expect(findBlock(text)).toBe('broken')
    expect(() => placeBlock(file(text), block)).toThrow(BlockError)
  })
})

describe("cmd's block", () => {
  const win = (over: Partial<GoTarget> = {}) =>
    target({
      gorootBin: 'C:\\Program Files\\Go\\bin',
      gopathBin: 'C:\\Users\\Dev\\go\\bin',
      home: 'C:\\Users\\Dev',
      windows: true,
      vars: { GOROOT: null, GOPATH: 'C:\\Users\\Dev\\go', GOBIN: null, GOTOOLCHAIN: null },
      ...over,
    })
  it('every line starts with @ (AutoRun must not turn echo off); paths under the home folder use %USERPROFILE%', () => {
    const lines = blockLines('cmd', win())
    expect(lines.every((l) => l.startsWith('@'))).toBe(true)
    expect(lines).toContain('@set "GOPATH=%USERPROFILE%\\go"')
    expect(lines).toContain('@set GOROOT=')
  })
  it.each([
    ['a double quote', 'C:\\a"b\\bin'],
    ['a percent sign', 'C:\\100%\\bin'],
    ['a caret', 'C:\\a^b\\bin'],
    ['a character outside ASCII, not under the home folder', 'D:\\Jos\u00e9\\go\\bin'],
  ])('refuses a folder with %s: cmd could not be given it safely', (_name, dir) => {
    expect(() => blockLines('cmd', win({ gorootBin: dir }))).toThrow(BlockError)
  })
  it('a user name outside ASCII is fine under the home folder: %USERPROFILE% stands for it', () => {
    const t = win({ home: 'C:\\Users\\Jos\u00e9', gorootBin: 'C:\\Users\\Jos\u00e9\\sdk\\go\\bin' })
    expect(blockLines('cmd', t).join('\n')).not.toMatch(/[^\x20-\x7e\n]/)
  })
})
