/**
 * Installing into the tool cache (in-process, a tiny archive built with tar): what each
 * failure is called, and that the original error is kept as its cause.
 */
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { FindingError } from '../../src/findings/errors.js'
import type { Fetcher } from '../../src/download/http.js'
import { installRelease, LockWaitError } from '../../src/download/install.js'

function tinyArchive(withGo = true): { file: string; sha256: string; size: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gpa-tiny-'))
  mkdirSync(path.join(dir, 'go', 'bin'), { recursive: true })
  if (withGo) {
    writeFileSync(path.join(dir, 'go', 'bin', 'go'), '#!/bin/sh\necho go\n')
    chmodSync(path.join(dir, 'go', 'bin', 'go'), 0o755)
  }
  const file = path.join(dir, 'go1.22.5.linux-amd64.tar.gz')
  execFileSync('tar', ['-czf', file, '-C', dir, 'go'])
  const bytes = readFileSync(file)
  return { file, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length }
}

const fetcherFor = (file: string, sha256: string, size: number): Fetcher => ({
  getText: async () => '',
  download: async (_url, dest) => {
    copyFileSync(file, dest)
    return { sha256, bytes: size }
  },
})

function request(a: { sha256: string; size: number }) {
  const file = {
    filename: 'go1.22.5.linux-amd64.tar.gz',
    os: 'linux',
    arch: 'amd64',
    version: 'go1.22.5',
    sha256: a.sha256,
    size: a.size,
    kind: 'archive',
  }
  return { version: '1.22.5', release: { version: 'go1.22.5', stable: true, files: [file] }, file }
}

function options(fetcher: Fetcher, root: string, lockWaitMs?: number) {
  return {
    toolCache: path.join(root, 'cache'),
    toolCacheLabel: 'RUNNER_TOOL_CACHE',
    temp: path.join(root, 'temp'),
    tempLabel: 'RUNNER_TEMP',
    baseUrl: 'http://127.0.0.1:1/dl',
    cacheArch: 'x64',
    platform: 'linux' as const,
    env: process.env,
    fetcher,
    log: () => {},
    extractTimeoutMs: 60_000,
    lockWaitMs,
  }
}

describe('installing a Go tree', () => {
  it('a tree lands in <cache>/go/<v>/<arch> with its .complete marker', async () => {
    const a = tinyArchive()
    const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-inst-'))
    const got = await installRelease(
      request(a),
      options(fetcherFor(a.file, a.sha256, a.size), root),
    )
    expect(got).toMatchObject({
      version: '1.22.5',
      root: path.join(root, 'cache', 'go', '1.22.5', 'x64'),
      downloaded: true,
    })
    expect(readFileSync(`${got.root}.complete`, 'utf8')).toBe('')
  })
  it('another run holding the lock past the wait: tool-cache-busy, not extract-failed, the LockWaitError its cause', async () => {
    const a = tinyArchive()
    const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-inst-'))
    const final = path.join(root, 'cache', 'go', '1.22.5', 'x64')
    mkdirSync(path.dirname(final), { recursive: true })
    writeFileSync(`${final}.lock`, 'another run\n')
    const err = await installRelease(
      request(a),
      options(fetcherFor(a.file, a.sha256, a.size), root, 300),
    ).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(FindingError)
    expect((err as FindingError).finding).toMatchObject({
      id: 'tool-cache-busy',
      category: 'toolchain',
    })
    expect((err as FindingError).message).toBe(
      `another run has held ${final}.lock for over 0 s while installing http://127.0.0.1:1/dl/go1.22.5.linux-amd64.tar.gz`,
    )
    expect((err as Error).cause).toBeInstanceOf(LockWaitError)
  })
  it('an archive that does not unpack: extract-failed, the extraction error its cause', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-inst-'))
    const bad = path.join(root, 'bad.tar.gz')
    writeFileSync(bad, 'not a tarball')
    const sha = createHash('sha256').update(readFileSync(bad)).digest('hex')
    const err = (await installRelease(
      request({ sha256: sha, size: 13 }),
      options(fetcherFor(bad, sha, 13), root),
    ).catch((e: unknown) => e)) as FindingError
    expect(err.finding.id).toBe('extract-failed')
    expect(err.message).toMatch(/; nothing was installed$/)
    expect(err.cause).toBeInstanceOf(Error)
  })
})
