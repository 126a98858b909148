/**
 * The registry PATH edit: a table for the pure function; the PowerShell function `--fix`
 * prints, run in real pwsh over the same table (it must make the same change); and every
 * PowerShell text `--fix` prints, parsed by PowerShell and held to what Windows
 * PowerShell 5.1 understands. Writing the registry itself runs under wine's reg in the
 * Windows lane.
 */
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { autorunRecipe } from '../../../src/cli/fixes/autorun.js'
import {
  editPathValue,
  pathRecipe,
  PS_EDIT_FUNCTION,
  type PathEdit,
  type RegText,
} from '../../../src/cli/fixes/registry-path.js'
import { describeWith, toolPath } from '../../helpers/tools.js'

const EXPAND = (data: string): RegText => ({ data, type: 'REG_EXPAND_SZ' })
const PLAIN = (data: string): RegText => ({ data, type: 'REG_SZ' })

const CASES: Array<[string, RegText, PathEdit, RegText]> = [
  [
    'one entry out; every %NAME% kept as it is stored',
    EXPAND('%USERPROFILE%\\old\\go\\bin;%USERPROFILE%\\go\\bin;%SystemRoot%\\system32'),
    { drop: ['%USERPROFILE%\\old\\go\\bin'] },
    EXPAND('%USERPROFILE%\\go\\bin;%SystemRoot%\\system32'),
  ],
  [
    'compared as Windows compares folders: case, quotes and a trailing backslash aside',
    EXPAND('C:\\Go\\BIN\\;"c:\\go\\bin";C:\\keep'),
    { drop: ['c:\\go\\bin'] },
    EXPAND('C:\\keep'),
  ],
  [
    'a folder put first, taken out where it was',
    PLAIN('C:\\a;C:\\Go\\bin;C:\\b'),
    { first: ['C:\\Go\\bin'] },
    PLAIN('C:\\Go\\bin;C:\\a;C:\\b'),
  ],
  [
    'a folder added at the end when missing, before a trailing ;',
    EXPAND('C:\\a;'),
    { last: ['%USERPROFILE%\\go\\bin'] },
    EXPAND('C:\\a;%USERPROFILE%\\go\\bin;'),
  ],
  [
    'a folder already there is not added again, nor moved',
    PLAIN('C:\\Users\\me\\go\\bin;C:\\a'),
    { last: ['C:\\Users\\ME\\go\\bin\\'] },
    PLAIN('C:\\Users\\me\\go\\bin;C:\\a'),
  ],
  [
    'REG_SZ that now holds a % becomes REG_EXPAND_SZ',
    PLAIN('C:\\a'),
    { first: ['%USERPROFILE%\\sdk\\go\\bin'] },
    EXPAND('%USERPROFILE%\\sdk\\go\\bin;C:\\a'),
  ],
  [
    'a REG_SZ value with a literal %NAME%, written back expandable, text unchanged',
    PLAIN('%USERPROFILE%\\go\\bin;C:\\a'),
    { expand: true },
    EXPAND('%USERPROFILE%\\go\\bin;C:\\a'),
  ],
  [
    "setx's copy of the machine PATH taken off the front",
    PLAIN('C:\\Windows\\system32;C:\\Windows;C:\\Wbem;C:\\Users\\me\\tool'),
    { dropLeading: 3 },
    PLAIN('C:\\Users\\me\\tool'),
  ],
  [
    'empty entries stay where they are',
    PLAIN('C:\\a;;C:\\old'),
    { drop: ['C:\\old'] },
    PLAIN('C:\\a;'),
  ],
  ['an empty value', EXPAND(''), { first: ['C:\\Go\\bin'] }, EXPAND('C:\\Go\\bin')],
]

describe('editPathValue', () => {
  it.each(CASES)('%s', (_name, before, edit, after) => {
    expect(editPathValue(before, edit)).toEqual(after)
  })
})

const psList = (xs: string[] = []) => `@(${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(', ')})`

describeWith(['pwsh'], 'the PowerShell function --fix runs on the value (real pwsh)', () => {
  it('makes the same change as editPathValue, case by case', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gpa-ps-'))
    const script = [
      PS_EDIT_FUNCTION,
      ...CASES.map(
        ([, before, edit]) =>
          `[Console]::Out.WriteLine((GpaEditPath '${before.data.replace(/'/g, "''")}' ${psList(edit.drop)} ${psList(edit.first)} ${psList(edit.last)} ${edit.dropLeading ?? 0}))`,
      ),
    ].join('\n')
    writeFileSync(path.join(dir, 'edit.ps1'), script)
    const r = spawnSync(
      toolPath('pwsh')!,
      ['-NoLogo', '-NoProfile', '-File', path.join(dir, 'edit.ps1')],
      {
        encoding: 'utf8',
      },
    )
    expect(r.stderr).toBe('')
    expect(r.stdout.split(/\r?\n/).slice(0, CASES.length)).toEqual(
      CASES.map(([, , , after]) => after.data),
    )
  })
})

/** What Windows PowerShell 5.1 does not know (added in 6 and 7). */
const NOT_IN_51: Array<[string, RegExp]> = [
  ['the null-coalescing ??', /\?\?/],
  ['the null-conditional ?.', /\?\./],
  ['pipeline chains && and ||', /&&|\|\|/],
  ['the ternary ? :', /\s\?\s[^:]+\s:\s/],
  ['ForEach-Object -Parallel', /-Parallel/],
  ['-AsHashtable', /-AsHashtable/],
  ['$IsWindows', /\$IsWindows/],
  ['Get-Error', /Get-Error/],
]

const RECIPES: Array<[string, string]> = [
  [
    'the user PATH recipe',
    pathRecipe('user', { drop: ["C:\\it's\\go\\bin"], first: ['%USERPROFILE%\\go\\bin'] }),
  ],
  ['the machine PATH recipe', pathRecipe('machine', { drop: ['C:\\Program Files\\Go\\bin'] })],
  ['the expandable-kind recipe', pathRecipe('user', { expand: true })],
  [
    'the AutoRun segment recipe',
    autorunRecipe('HKCU\\Software\\Microsoft\\Command Processor', 'set PATH=C:\\old;%PATH%'),
  ],
]

describe('the PowerShell that --fix prints is Windows PowerShell 5.1 too', () => {
  it.each(
    RECIPES.flatMap(([name, text]) =>
      NOT_IN_51.map(([what, re]) => [name, what, text, re] as const),
    ),
  )('%s: no %s', (_name, _what, text, re) => {
    expect(text).not.toMatch(re)
  })
  it.each(RECIPES)(
    '%s never reads PATH through [Environment], which expands and freezes it',
    (_n, text) => {
      expect(text).not.toMatch(/GetEnvironmentVariable|SetEnvironmentVariable|setx/i)
    },
  )
})

describeWith(['pwsh'], 'the PowerShell that --fix prints parses (real pwsh)', () => {
  it.each(RECIPES)('%s', (_name, text) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gpa-parse-'))
    const file = path.join(dir, 'recipe.ps1')
    writeFileSync(file, text)
    const r = spawnSync(
      toolPath('pwsh')!,
      [
        '-NoLogo',
        '-NoProfile',
        '-Command',
        `$e = $null; [void][System.Management.Automation.Language.Parser]::ParseFile('${file}', [ref]$null, [ref]$e); $e | ForEach-Object { $_.Message }`,
      ],
      { encoding: 'utf8' },
    )
    expect(r.stdout.trim()).toBe('')
  })
})
