import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chooseExtractMethod, extract, safeEntryPath } from '../../src/download/extract.js'

describe('chooseExtractMethod', () => {
  const win = { SystemRoot: 'C:\\Windows' }
  it.each([
    ['go1.22.5.linux-amd64.tar.gz', 'linux', {}, () => false, { kind: 'tar', command: 'tar' }],
    [
      'go1.22.5.windows-amd64.zip',
      'win32',
      win,
      (p: string) => p === 'C:\\Windows\\System32\\tar.exe',
      { kind: 'windows-tar', command: 'C:\\Windows\\System32\\tar.exe' },
    ],
    ['go1.22.5.windows-amd64.zip', 'win32', win, () => false, { kind: 'js-unzip' }],
    ['go1.22.5.windows-amd64.zip', 'linux', {}, () => true, { kind: 'js-unzip' }],
  ] as const)('%s on %s', (archive, platform, env, exists, want) => {
    expect(chooseExtractMethod(archive, platform, env, exists)).toEqual(want)
  })
})

describe('an archive entry that would land outside the destination is refused', () => {
  const dest = '/tmp/d'
  it.each([
    '../evil',
    'go/../../evil',
    'go/bin/../../../evil',
    '..\\evil',
    'go\\..\\..\\evil',
    '/etc/passwd',
    'C:/evil',
    'c:\\evil',
  ])('%s', (name) => {
    expect(() => safeEntryPath(dest, name)).toThrow(
      'refusing archive entry outside the destination',
    )
  })
  it.each([
    ['go/bin/go', ['go', 'bin', 'go']],
    ['go/a..b/c', ['go', 'a..b', 'c']],
    ['go\\bin\\go.exe', ['go', 'bin', 'go.exe']],
  ])('%s stays inside', (name, parts) => {
    expect(safeEntryPath(dest, name)).toBe(path.join(dest, ...parts))
  })
})

describe('streaming unzip (the Windows fallback)', () => {
  it('unpacks a go/ tree with file modes, and refuses entries outside the destination', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'gpa-zip-'))
    mkdirSync(path.join(work, 'src', 'go', 'bin'), { recursive: true })
    writeFileSync(path.join(work, 'src', 'go', 'bin', 'go'), '#!/bin/sh\necho hi\n', {
      mode: 0o755,
    })
    writeFileSync(path.join(work, 'src', 'go', 'VERSION'), 'go1.22.5\n')
    const zip = path.join(work, 'go.zip')
    execFileSync('python3', ['-m', 'zipfile', '-c', zip, 'go'], { cwd: path.join(work, 'src') })
    const dest = path.join(work, 'out')
    mkdirSync(dest)
    await extract(zip, dest, { kind: 'js-unzip' }, {}, 10_000)
    expect(readFileSync(path.join(dest, 'go', 'VERSION'), 'utf8')).toBe('go1.22.5\n')
    expect(statSync(path.join(dest, 'go', 'bin', 'go')).mode & 0o777).toBe(0o755)
    expect(() => safeEntryPath(dest, '../evil')).toThrow(
      'refusing archive entry outside the destination: ../evil',
    )
    expect(() => safeEntryPath(dest, 'C:/evil')).toThrow('refusing')
    expect(() => safeEntryPath(dest, '/etc/passwd')).toThrow('refusing')
    expect(safeEntryPath(dest, 'go\\bin\\go.exe')).toBe(path.join(dest, 'go', 'bin', 'go.exe'))
  })
  it('a damaged zip fails with the archive named', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'gpa-zip-'))
    const zip = path.join(work, 'bad.zip')
    writeFileSync(zip, 'not a zip')
    await expect(extract(zip, work, { kind: 'js-unzip' }, {}, 10_000)).rejects.toThrow(
      `cannot open zip ${zip}`,
    )
  })
})
