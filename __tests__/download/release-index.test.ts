import { describe, expect, it } from '@jest/globals'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { downloadVerified } from '../../src/download/install.js'
import { FindingError } from '../../src/findings/errors.js'
import { createFetcher } from '../../src/download/http.js'
import {
  checkArchiveEntry,
  downloadPath,
  fetchIndex,
  parseIndex,
} from '../../src/download/release-index.js'
import type { GoFile, GoRelease } from '../../src/go/version.js'
import { startMirror } from '../helpers/mirror.js'

const file = (over: Partial<GoFile> = {}): GoFile => ({
  filename: 'go1.22.5.linux-amd64.tar.gz',
  os: 'linux',
  arch: 'amd64',
  version: 'go1.22.5',
  sha256: 'ab'.repeat(32),
  size: 1000,
  kind: 'archive',
  ...over,
})
const release = (files: GoFile[], version = 'go1.22.5'): GoRelease => ({
  version,
  stable: true,
  files,
})
const idOf = (f: () => unknown) => {
  try {
    f()
  } catch (err) {
    return (err as FindingError).finding?.id
  }
  return 'accepted'
}

describe('a mirror is not trusted: the archive entry must be exactly what it should be', () => {
  it('the expected name passes', () => {
    expect(checkArchiveEntry(release([file()]), file(), 'http://m/dl')).toEqual(file())
    const zip = file({ filename: 'go1.22.5.windows-amd64.zip', os: 'windows' })
    expect(checkArchiveEntry(release([zip]), zip, 'http://m/dl')).toEqual(zip)
  })
  it.each([
    ['a path that climbs out', 'x/../../../../tmp/victim'],
    ['a folder in the name', 'sub/go1.22.5.linux-amd64.tar.gz'],
    ['a backslash', 'go1.22.5\\linux-amd64.tar.gz'],
    ['another version', 'go1.21.0.linux-amd64.tar.gz'],
    ['another platform', 'go1.22.5.linux-arm64.tar.gz'],
    ['another kind', 'go1.22.5.linux-amd64.zip'],
    ['a newline', 'go1.22.5.linux-amd64.tar.gz\n'],
  ])('%s is refused before any I/O', (_n, filename) => {
    expect(
      idOf(() => checkArchiveEntry(release([file({ filename })]), file({ filename }), 'http://m')),
    ).toBe('index-invalid')
  })
  it('a sha256 in upper case is a sha256 (hex is hex): accepted, and compared without case', async () => {
    const upper = file({ sha256: 'AB'.repeat(32) })
    expect(checkArchiveEntry(release([upper]), upper, 'http://m')).toEqual(upper)
    const dest = path.join(mkdtempSync(path.join(os.tmpdir(), 'gpa-sha-')), 'a')
    const fetcher = {
      getText: async () => '',
      download: async () => ({ sha256: 'ab'.repeat(32), bytes: 3 }),
    }
    await expect(
      downloadVerified(fetcher, 'http://m/a', dest, 'AB'.repeat(32), 3, () => {}, 'RUNNER_TEMP'),
    ).resolves.toBeUndefined()
    await expect(
      downloadVerified(fetcher, 'http://m/a', dest, 'CD'.repeat(32), 3, () => {}, 'RUNNER_TEMP'),
    ).rejects.toThrow(`expected ${'cd'.repeat(32)}, got ${'ab'.repeat(32)}`)
  })
  it.each([
    ['a short sha256', { sha256: 'abc' }],
    ['a sha256 that is not hex', { sha256: 'zz'.repeat(32) }],
    ['a negative size', { size: -1 }],
    ['a size that is not a number', { size: '12' as unknown as number }],
  ])('%s is refused', (_n, over) => {
    expect(idOf(() => checkArchiveEntry(release([file(over)]), file(over), 'http://m'))).toBe(
      'index-invalid',
    )
  })
  it('a release version with a path in it is refused', () => {
    const f = file({ filename: '../go1.22.5.linux-amd64.tar.gz' })
    expect(idOf(() => checkArchiveEntry(release([f], '../go1.22.5'), f, 'http://m'))).toBe(
      'index-invalid',
    )
  })
})

describe('downloadPath stays inside its folder', () => {
  it.each(['../x', '/etc/passwd', 'a/b', ''])('%j is refused', (name) => {
    expect(idOf(() => downloadPath('/tmp/d', name))).toBe('index-invalid')
  })
  it('a plain name is joined', () => {
    expect(downloadPath('/tmp/d', 'uuid-go1.22.5.linux-amd64.tar.gz')).toBe(
      path.join('/tmp/d', 'uuid-go1.22.5.linux-amd64.tar.gz'),
    )
  })
})

describe('parseIndex', () => {
  it('not JSON, or not an array, is index-invalid', () => {
    expect(idOf(() => parseIndex('<html>', 'u'))).toBe('index-invalid')
    expect(idOf(() => parseIndex('{}', 'u'))).toBe('index-invalid')
  })
  it('keeps well-formed releases and files, drops the rest', () => {
    const r = parseIndex(
      JSON.stringify([
        { version: 'go1.22.5', stable: true, files: [file(), { filename: 1 }, null] },
        { nope: true },
        'x',
      ]),
      'u',
    )
    expect(r).toEqual([{ version: 'go1.22.5', stable: true, files: [file()] }])
  })
})

describe('the fetcher honours Retry-After', () => {
  it("waits what the server's Retry-After says, not its own back-off", async () => {
    const mirror = await startMirror([], {})
    mirror.failures['/dl/'] = [503]
    const said: string[] = []
    try {
      const fetcher = createFetcher({
        token: '',
        log: (m) => said.push(m),
        // its own back-off would be 20 s: only the header's 0 s lets the test pass
        policy: { attempts: 2, baseDelayMs: 20_000, maxDelayMs: 20_000 },
      })
      expect(await fetchIndex(fetcher, mirror.baseUrl)).toEqual([])
      expect(said).toEqual([expect.stringMatching(/HTTP 503 .*; retry 1\/1 in 0 ms$/)])
    } finally {
      await mirror.close()
    }
  })
})
