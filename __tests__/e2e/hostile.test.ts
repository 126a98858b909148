/**
 * A mirror is not trusted more than the network: the bundle against a loopback server
 * that lies about file names, sizes and checksums, stalls, truncates and redirects.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { goArchive, indexFor, type GoArchive } from '../../__fixtures__/go-archive.js'
import { runAction, runnerDirs, type ActionRun, type RunnerDirs } from '../helpers/action.js'
import { startHostile, type Behaviour, type Hostile } from '../helpers/hostile.js'
import { describeWith } from '../helpers/tools.js'

describeWith(['go'], 'hostile mirrors, end to end (the action bundle, a real Go archive)', () => {
  let archive: GoArchive
  beforeAll(() => {
    archive = goArchive()
  })

  const open: Hostile[] = []
  afterAll(async () => {
    for (const h of open) await h.close()
  })

  async function mirror(index: unknown, file?: Behaviour): Promise<Hostile> {
    const h = await startHostile({
      index: { kind: 'json', body: index },
      ...(file ? { [archive.filename]: file } : {}),
    })
    open.push(h)
    return h
  }

  /**
   * The bundle asked for the archive's version from mirror `h`, bash only. A mirror that
   * misbehaves gets a 2 s attempt (0.5 s of silence drops it), so its cases end in seconds;
   * a mirror that behaves gets the default, so a busy machine cannot make it look hostile.
   */
  const install = (timeout: string) => (h: Hostile, dirs: RunnerDirs, env?: NodeJS.ProcessEnv) =>
    runAction(
      {
        'go-version': archive.version,
        'go-download-base-url': h.baseUrl,
        shells: 'bash',
        'download-timeout': timeout,
      },
      dirs,
      env,
    )
  const installFrom = install('2')
  const installSteady = install('600')
  const report = (r: ActionRun) =>
    JSON.parse(readFileSync(r.outputs.report, 'utf8')) as {
      findings: Array<{ id: string; message: string }>
    }
  const ids = (r: ActionRun) => report(r).findings.map((f) => f.id)

  describe('a crafted index', () => {
    it('a file name that climbs out of the temp folder is refused before any request for it', async () => {
      const victimDir = mkdtempSync(path.join(os.tmpdir(), 'gpa-victim-'))
      const victim = path.join(victimDir, 'victim')
      writeFileSync(victim, 'precious')
      const evil = `x/../../../../../../../../..${victim}`
      const h = await mirror(
        [
          {
            version: archive.goVersion,
            stable: true,
            files: [{ ...(indexFor(archive)[0] as { files: object[] }).files[1], filename: evil }],
          },
        ],
        { kind: 'bytes', body: Buffer.from('overwritten') },
      )
      const r = await installFrom(h, runnerDirs())
      expect(r.code).toBe(2)
      expect(ids(r)).toEqual(['index-invalid'])
      expect(readFileSync(victim, 'utf8')).toBe('precious')
      expect(h.requests.filter((u) => !u.startsWith('/dl/?'))).toEqual([])
    })

    it('a sha256 that is not one is refused', async () => {
      const h = await mirror(indexFor(archive, { sha256: 'not-a-hash' }), {
        kind: 'file',
        file: archive.file,
      })
      const r = await installFrom(h, runnerDirs())
      expect(r.code).toBe(2)
      expect(report(r).findings[0].message).toContain('lists no valid sha256')
    })

    it('an index over 32 MiB is not read', async () => {
      const h = await startHostile({
        index: { kind: 'bytes', body: Buffer.alloc(33 * 1024 * 1024, 0x20) },
      })
      open.push(h)
      const r = await installFrom(h, runnerDirs())
      expect(r.code).toBe(2)
      expect(ids(r)).toEqual(['download-failed'])
      expect(report(r).findings[0].message).toContain('more than 33554432')
    })
  })

  describe('a mirror that stalls, truncates or lies about the size', () => {
    it('no headers: each attempt times out and the run says so, within seconds', async () => {
      const h = await mirror(indexFor(archive), { kind: 'stall-headers' })
      const start = Date.now()
      const r = await installFrom(h, runnerDirs())
      // waits for 4 attempts of a 500 ms header deadline and the back-off between them
      expect(Date.now() - start).toBeLessThan(30_000)
      expect(r.code).toBe(2)
      expect(report(r).findings[0].message).toMatch(
        /timed out: no response headers within 500 ms \(after 4 attempts\)/,
      )
      expect(h.requests.filter((u) => u.endsWith('.tar.gz'))).toHaveLength(4)
    })

    it('a body that stops: the idle deadline drops the socket and the run says so', async () => {
      const h = await mirror(indexFor(archive), {
        kind: 'stall-body',
        file: archive.file,
        after: 1000,
      })
      const r = await installFrom(h, runnerDirs())
      expect(r.code).toBe(2)
      expect(report(r).findings[0].message).toMatch(/timed out: nothing received for 500 ms/)
    })

    it('a truncated archive is retried, then reported; nothing is installed', async () => {
      const h = await mirror(indexFor(archive), {
        kind: 'truncate',
        file: archive.file,
        after: 5000,
      })
      const dirs = runnerDirs()
      const r = await installFrom(h, dirs)
      expect(r.code).toBe(2)
      expect(report(r).findings[0].message).toMatch(/truncated download: 5000 of \d+ bytes/)
      expect(existsSync(path.join(dirs.toolCache, 'go', archive.version, 'x64.complete'))).toBe(
        false,
      )
      expect(readdirSync(path.join(dirs.temp, 'go-path-arbiter', 'downloads'))).toEqual([])
    })

    it('more bytes than the index announces: stopped at once, not retried', async () => {
      const h = await mirror(indexFor(archive, { size: archive.size - 100 }), {
        kind: 'file',
        file: archive.file,
      })
      const r = await installFrom(h, runnerDirs())
      expect(r.code).toBe(2)
      expect(report(r).findings[0].message).toContain(`more than ${archive.size - 100}`)
      expect(h.requests.filter((u) => u.endsWith('.tar.gz'))).toHaveLength(1)
    })

    it('a redirect (as go.dev sends archives elsewhere) is followed', async () => {
      const h = await mirror(indexFor(archive), { kind: 'redirect', to: '/elsewhere/archive' })
      h.routes.set('elsewhere/archive', { kind: 'file', file: archive.file })
      h.routes.set(`/elsewhere/archive`, { kind: 'file', file: archive.file })
      const r = await installSteady(h, runnerDirs())
      expect(r.outputs['exit-code']).toBe('0')
      expect(h.requests).toContain('/elsewhere/archive')
    })
  })

  describe('nothing from outside becomes a workflow command', () => {
    it('a job variable with a newline and ::warning:: in the go env dump stays one escaped line', async () => {
      const h = await mirror(indexFor(archive), { kind: 'file', file: archive.file })
      const r = await installSteady(h, runnerDirs(), {
        CC: 'gcc\n::warning::INJECTED',
        GOFLAGS: '-mod=mod\r\n::add-mask::x',
      })
      const lines = r.stdout.split(/\r?\n/)
      expect(lines.filter((l) => /^\s*::(warning|add-mask)::/.test(l))).toEqual([])
      expect(r.stdout).toContain('CC=gcc%0A::warning::INJECTED')
    })

    it('a version file path or a base URL with a newline is refused, naming the input, on one line', async () => {
      const r = await runAction(
        {
          'go-version-file': 'go.mod\n::warning::FROM-FILE',
          'go-download-base-url': 'http://x/\n::warning::FROM-URL',
          shells: 'bash',
        },
        runnerDirs(),
      )
      expect(r.code).toBe(1)
      const lines = r.stdout.split(/\r?\n/)
      expect(lines.filter((l) => /^\s*::warning::FROM/.test(l))).toEqual([])
      expect(r.stdout).toContain(
        'go-version-file: "go.mod\\n::warning::FROM-FILE" holds a control character',
      )
    })
  })

  describe('runs that share one tool cache', () => {
    it('three installs of one version at once: all consistent, one complete tree, nothing left over', async () => {
      const h = await mirror(indexFor(archive), { kind: 'file', file: archive.file })
      const dirs = runnerDirs()
      const runs = await Promise.all(
        [0, 1, 2].map(() =>
          installSteady(h, {
            ...dirs,
            temp: mkdtempSync(path.join(dirs.root, 'temp-')),
          }),
        ),
      )
      for (const r of runs) {
        expect(r.code).toBe(0)
        expect(ids(r)).toEqual([])
      }
      const parent = path.join(dirs.toolCache, 'go', archive.version)
      expect(readdirSync(parent).sort()).toEqual(['x64', 'x64.complete'])
    })

    it('a leftover incomplete tree of a killed run is moved aside, never used; old staging folders go', async () => {
      const h = await mirror(indexFor(archive), { kind: 'file', file: archive.file })
      const dirs = runnerDirs()
      const parent = path.join(dirs.toolCache, 'go', archive.version)
      mkdirSync(path.join(parent, 'x64', 'bin'), { recursive: true })
      writeFileSync(path.join(parent, 'x64', 'bin', 'go'), '#!/bin/sh\nexit 9\n')
      const stale = path.join(parent, '.x64.partial-old')
      mkdirSync(stale)
      const { utimesSync } = await import('node:fs')
      utimesSync(stale, new Date(0), new Date(0))
      const r = await installSteady(h, dirs)
      expect(r.code).toBe(0)
      expect(ids(r)).toEqual([])
      expect(existsSync(stale)).toBe(false)
      expect(
        readdirSync(parent)
          .filter((n) => !n.startsWith('.x64.old-'))
          .sort(),
      ).toEqual(['x64', 'x64.complete'])
    })
  })
})
