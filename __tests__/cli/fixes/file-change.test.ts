/** The go env file as `go env -w` and `go env -u` leave it (pure). */
import { describe, expect, it } from '@jest/globals'
import { withGoEnvValues, withoutGoEnvNames } from '../../../src/cli/fixes/file-change.js'

describe('withGoEnvValues: as go env -w writes', () => {
  it.each([
    [
      'an empty file gets the lines, sorted',
      '',
      { GOPROXY: 'p', GOFLAGS: '-x' },
      'GOFLAGS=-x\nGOPROXY=p\n',
    ],
    [
      'a value is replaced where it stands',
      'A=1\nGOPROXY=old\nB=2\n',
      { GOPROXY: 'new' },
      'A=1\nGOPROXY=new\nB=2\n',
    ],
    [
      'later lines of the same name go',
      'GOPROXY=a\nX=1\nGOPROXY=b\n',
      { GOPROXY: 'c' },
      'GOPROXY=c\nX=1\n',
    ],
    ['a file without a last line end gets one', 'X=1', { Y: '2' }, 'X=1\nY=2\n'],
    ['lines Go does not read are kept', '# mine\nlower=1\n', { Y: '2' }, '# mine\nlower=1\nY=2\n'],
  ])('%s', (_, text, set, want) => {
    expect(withGoEnvValues(text, set)).toBe(want)
  })

  it('go env -u then -w: a value dropped and another set', () => {
    expect(
      withGoEnvValues(withoutGoEnvNames('GOROOT=/x\nGOPATH=/y\n', ['GOROOT']), {
        GOFLAGS: '-mod=mod',
      }),
    ).toBe('GOPATH=/y\nGOFLAGS=-mod=mod\n')
  })
})
