/**
 * What the go command does with go.mod's go line, by the local Go's version (pure), after
 * go.dev/doc/toolchain and golang/go#62278, #65568, #65580: before 1.21 the line is advisory;
 * from 1.21 a minimum that GOTOOLCHAIN lets the go command switch for, or makes it refuse;
 * the bare `go 1.N` under Go 1.21 asks for a toolchain "go1.N" that does not exist.
 */
import { expect, it } from '@jest/globals'
import { goLineVerdict } from '../../src/go/go-line.js'

it.each([
  // local, go line, GOTOOLCHAIN (empty before 1.21), verdict
  ['1.19.8', '1.19', '', { kind: 'met' }],
  ['1.19.8', '1.22', '', { kind: 'advisory' }],
  ['1.19.8', '1.22', 'local', { kind: 'advisory' }],
  ['1.20.14', '1.21.0', '', { kind: 'advisory' }],
  ['1.21.5', '1.21.0', 'auto', { kind: 'met' }],
  ['1.21.5', '1.22.3', 'local', { kind: 'refuse' }],
  ['1.21.5', '1.22.3', 'auto', { kind: 'switch', toolchain: 'go1.22.3' }],
  ['1.21.5', '1.22.3', 'go1.21.5+auto', { kind: 'switch', toolchain: 'go1.22.3' }],
  ['1.21.5', '1.22.3', 'local+path', { kind: 'refuse' }],
  ['1.21.5', '1.22.3', 'path', { kind: 'refuse' }],
  ['1.21.4', '1.22', 'auto', { kind: 'unavailable', toolchain: 'go1.22' }],
  ['1.21.5', '1.22', 'auto', { kind: 'unavailable', toolchain: 'go1.22' }],
  ['1.21.5', '1.22', 'local', { kind: 'refuse' }],
  ['1.22.5', '1.23', 'auto', { kind: 'switch', toolchain: 'go1.23.0' }],
  ['1.22.5', '1.23', 'local', { kind: 'refuse' }],
  ['1.22.5', '1.23.1', 'go1.23.4', { kind: 'met' }],
  ['1.22.5', '1.24.0', 'go1.23.4', { kind: 'refuse' }],
  ['1.22.5', '1.22', 'local', { kind: 'met' }],
])('Go %s, go %s, GOTOOLCHAIN=%j', (local, line, gotoolchain, want) => {
  expect(goLineVerdict(local, line, gotoolchain)).toEqual(want)
})
