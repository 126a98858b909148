/** cmd's AutoRun, edited by its `&`-separated segments: what other tools chained in stays. */
import { describe, expect, it } from '@jest/globals'
import { withoutSegment, withSegment } from '../../../src/cli/fixes/autorun.js'

const CONDA = 'if exist "C:\\conda\\condabin\\conda_hook.bat" "C:\\conda\\condabin\\conda_hook.bat"'
const OURS = 'call "%LOCALAPPDATA%\\go-path-arbiter\\autorun.cmd"'

describe('withoutSegment: one segment out, the rest as it was', () => {
  it.each([
    [
      'the first of three',
      `set PATH=C:\\old;%PATH% & ${CONDA} & doskey /macrofile=a.txt`,
      1,
      `${CONDA} & doskey /macrofile=a.txt`,
    ],
    ['the middle one', `a & set PATH=C:\\old;%PATH% & b`, 2, 'a & b'],
    ['the last one', `${CONDA} & set GOFLAGS=-mod=mod`, 2, CONDA],
    ['an & inside quotes belongs to its segment', `echo "a & b" & set X=1`, 2, 'echo "a & b"'],
    ['the only one: the value goes', 'set PATH=C:\\old;%PATH%', 1, null],
  ] as const)('%s', (_name, value, index, want) => {
    expect(withoutSegment(value, index)).toBe(want)
  })
  it('refuses a value that is not a plain chain (cmd would not run it segment by segment)', () => {
    expect(() => withoutSegment('if 1==1 (set A=1) & set B=2', 1)).toThrow(/not a plain chain/)
  })
  it('refuses a segment that is not there', () => {
    expect(() => withoutSegment('a & b', 3)).toThrow(/no segment 3/)
  })
})

describe('withSegment: ours runs last, after everything chained in', () => {
  it.each([
    ['no value yet', null, OURS],
    ["conda's hook", CONDA, `${CONDA} & ${OURS}`],
    ['already there: unchanged', `${CONDA} & ${OURS}`, `${CONDA} & ${OURS}`],
    [
      'a value that is not a plain chain still gets it last',
      'if 1==1 (set A=1)',
      `if 1==1 (set A=1) & ${OURS}`,
    ],
  ])('%s', (_name, value, want) => {
    expect(withSegment(value, OURS)).toBe(want)
  })
  it('refuses a value whose last command is a comment: it would swallow ours', () => {
    expect(() => withSegment('set A=1 & rem nothing', OURS)).toThrow(/comment/)
  })
})
