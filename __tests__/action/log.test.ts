/** Nothing from outside can start a workflow command in the log (the runner runs `::` and `##[` lines). */
import { describe, expect, it } from '@jest/globals'
import { logSafe } from '../../src/action/action-io.js'

describe('a log line that would start a workflow command is defused', () => {
  it.each([
    ['::error::pwned', 'go-path-arbiter: ::error::pwned'],
    ['   ::set-output name=x::y', 'go-path-arbiter:    ::set-output name=x::y'],
    ['\t::add-mask::secret', 'go-path-arbiter: \t::add-mask::secret'],
    ['##[group]x', 'go-path-arbiter: ##[group]x'],
    ['  ##[endgroup]', 'go-path-arbiter:   ##[endgroup]'],
    ['GOPATH=/x\n::error::from a value', 'GOPATH=/x%0A::error::from a value'],
    ['50% done\r\n', '50%25 done%0D%0A'],
    ['go env: a::b is fine inside a line', 'go env: a::b is fine inside a line'],
    ['#[not a command]', '#[not a command]'],
  ])('%j', (line, logged) => {
    expect(logSafe(line)).toBe(logged)
  })
})
