import { describe, expect, it } from '@jest/globals'
import { archiveExtension, goOs, parseArch } from '../../src/go/platform.js'

describe('parseArch', () => {
  it.each([
    ['x64', 'amd64', 'x64'],
    ['amd64', 'amd64', 'x64'],
    ['X64', 'amd64', 'x64'],
    ['x86', '386', 'x86'],
    ['ia32', '386', 'x86'],
    ['386', '386', 'x86'],
    ['arm64', 'arm64', 'arm64'],
    ['aarch64', 'arm64', 'arm64'],
    ['arm', 'armv6l', 'arm'],
    ['armv6l', 'armv6l', 'arm'],
    ['ppc64le', 'ppc64le', 'ppc64le'],
    ['s390x', 's390x', 's390x'],
  ])('%s -> go %s, cache %s', (input, go, cache) => {
    expect(parseArch(input)).toEqual({ go, cache })
  })
  it('names the input and the value', () => {
    expect(() => parseArch('sparc')).toThrow('architecture: "sparc" is not a known architecture')
  })
})

describe('goOs / archiveExtension', () => {
  it.each([
    ['win32', 'windows', 'zip'],
    ['linux', 'linux', 'tar.gz'],
    ['darwin', 'darwin', 'tar.gz'],
    ['freebsd', 'freebsd', 'tar.gz'],
  ] as const)('%s -> %s (%s)', (platform, os, ext) => {
    expect(goOs(platform)).toBe(os)
    expect(archiveExtension(goOs(platform))).toBe(ext)
  })
})
