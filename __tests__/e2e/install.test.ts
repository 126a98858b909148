import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { goArchive, indexFor, layOutGoTree, type GoArchive } from '../../__fixtures__/go-archive.js'
import { bashStep, basePathWithoutGo, runAction, runnerDirs } from '../helpers/action.js'
import { startMirror, type Mirror } from '../helpers/mirror.js'
import { describeWith } from '../helpers/tools.js'

describeWith(['go'], 'installing Go, end to end (the action bundle, a real Go archive)', () => {
  let archive: GoArchive
  let mirror: Mirror
  let badSumMirror: Mirror

  beforeAll(async () => {
    archive = goArchive()
    mirror = await startMirror(indexFor(archive), { [archive.filename]: archive.file })
    badSumMirror = await startMirror(indexFor(archive, { sha256: 'ab'.repeat(32) }), {
      [archive.filename]: archive.file,
    })
  })
  afterAll(async () => {
    await mirror.close()
    await badSumMirror.close()
  })

  const check = { shells: 'bash', 'fail-on': 'never' }

  describe('cold install, then a cache hit', () => {
    const dirs = runnerDirs()

    it('downloads, verifies, extracts and exports; a following bash step sees the same Go', async () => {
      mirror.requests.length = 0
      const r = await runAction(
        { 'go-version': archive.version, 'go-download-base-url': mirror.baseUrl, ...check },
        dirs,
      )
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      const goroot = path.join(dirs.toolCache, 'go', archive.version, 'x64')
      const gopath = path.join(dirs.home, 'go')
      expect(r.outputs).toMatchObject({
        'go-version': archive.version,
        goroot,
        gopath,
        'go-downloaded': 'true',
      })
      expect(existsSync(`${goroot}.complete`)).toBe(true)
      expect(readdirSync(path.join(dirs.toolCache, 'go', archive.version)).sort()).toEqual([
        'x64',
        'x64.complete',
      ])
      expect(existsSync(path.join(gopath, 'bin'))).toBe(true)
      expect(r.env).toMatchObject({ GOROOT: goroot, GOPATH: gopath, GOTOOLCHAIN: 'local' })
      expect(r.pathLines).toEqual([path.join(gopath, 'bin'), path.join(goroot, 'bin')])
      expect(r.stepEnv.PATH!.split(':').slice(0, 2)).toEqual([
        path.join(goroot, 'bin'),
        path.join(gopath, 'bin'),
      ])
      expect(mirror.requests).toEqual(['/dl/?mode=json&include=all', `/dl/${archive.filename}`])
      expect(r.stdout).toMatch(/Verified sha256 [0-9a-f]{64} in \d+ ms/)
      expect(r.stdout).toMatch(/Extracted with tar -x in \d+ ms/)
      expect(r.stdout).toContain('::group::go env')

      const step = bashStep(
        'command -v go\ngo version\ngo env GOROOT GOPATH\nprintenv GOTOOLCHAIN\n',
        r.stepEnv,
        dirs.workspace,
      )
      expect(step.stderr).toBe('')
      expect(step.stdout.split('\n')).toEqual([
        path.join(goroot, 'bin', 'go'),
        `go version ${archive.goVersion} ${archive.goos}/${archive.goarch}`,
        goroot,
        gopath,
        'local',
        '',
      ])
    })

    it('the second run is a cache hit with no HTTP request at all', async () => {
      mirror.requests.length = 0
      const r = await runAction(
        { 'go-version': archive.version, 'go-download-base-url': mirror.baseUrl, ...check },
        dirs,
      )
      expect(r.code).toBe(0)
      expect(r.outputs['go-downloaded']).toBe('false')
      expect(mirror.requests).toEqual([])
      expect(r.stdout).toContain(`Go ${archive.version} from tool cache`)
    })

    it('install: false locates the cached Go without the network', async () => {
      const r = await runAction(
        {
          'go-version': archive.version.split('.').slice(0, 2).join('.'),
          install: 'false',
          'go-download-base-url': 'http://127.0.0.1:9',
          ...check,
        },
        dirs,
      )
      expect(r.code).toBe(0)
      expect(r.outputs).toMatchObject({ 'go-version': archive.version, 'go-downloaded': 'false' })
    })

    it('go-version-file: go.mod without a toolchain line: the go line decides', async () => {
      writeFileSync(
        path.join(dirs.workspace, 'go.mod'),
        `module example.com/x\n\ngo ${archive.version}\n`,
      )
      const r = await runAction(
        { 'go-version-file': 'go.mod', 'go-download-base-url': mirror.baseUrl, ...check },
        dirs,
      )
      expect(r.code).toBe(0)
      expect(r.stdout).toContain(`decided by go.mod go ${archive.version}, nothing downloaded`)
      expect(r.outputs['go-version']).toBe(archive.version)
    })
  })

  describe("go.mod's toolchain line picks the Go, whatever gotoolchain says (as setup-go v6/v7)", () => {
    // the index lists an older 1.x line too: the go line alone would pick it
    let twoLines: Mirror
    beforeAll(async () => {
      const older = {
        ...archive,
        goVersion: 'go1.18.10',
        version: '1.18.10',
        filename: 'go1.18.10.linux-amd64.tar.gz',
      }
      twoLines = await startMirror(indexFor(archive, {}, indexFor(older)), {
        [archive.filename]: archive.file,
      })
    })
    afterAll(() => twoLines.close())

    it.each([['local'], ['auto'], ['path'], [`${'go1.18.10'}+auto`], ['inherit']])(
      'gotoolchain: %s',
      async (gotoolchain) => {
        const dirs = runnerDirs()
        writeFileSync(
          path.join(dirs.workspace, 'go.mod'),
          `module example.com/m\n\ngo 1.18\n\ntoolchain ${archive.goVersion}\n`,
        )
        const r = await runAction(
          {
            'go-version-file': 'go.mod',
            'go-download-base-url': twoLines.baseUrl,
            gotoolchain,
            // the Go on this machine predates the toolchain directive and would refuse the go.mod
            'check-modules': 'false',
            ...check,
          },
          dirs,
        )
        expect(r.outputs['go-version']).toBe(archive.version)
        expect(r.stdout).toContain(`(decided by go.mod toolchain ${archive.goVersion})`)
        expect(r.summary).toContain(`decided by go.mod toolchain ${archive.goVersion}`)
        expect(r.outputs['exit-code']).toBe('0')
        // what the input says is what every later step gets; inherit exports nothing at all
        if (gotoolchain === 'inherit') expect('GOTOOLCHAIN' in r.env).toBe(false)
        else expect(r.env.GOTOOLCHAIN).toBe(gotoolchain)
      },
    )
  })

  describe('install: false', () => {
    it('uses the Go on PATH when it satisfies the spec', async () => {
      const dirs = runnerDirs()
      const other = mkdtempSync(path.join(os.tmpdir(), 'gpa-pathgo-'))
      layOutGoTree(other)
      const r = await runAction(
        { 'go-version': archive.version, install: 'false', ...check },
        dirs,
        {
          PATH: `${path.join(other, 'go', 'bin')}:${basePathWithoutGo()}`,
        },
      )
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(r.outputs).toMatchObject({ goroot: path.join(other, 'go'), 'go-downloaded': 'false' })
      expect(r.stdout).toContain(`from PATH (${path.join(other, 'go', 'bin', 'go')})`)
    })

    it('fails clearly when no Go satisfies the spec (config, exit 1)', async () => {
      const r = await runAction(
        { 'go-version': '1.99', install: 'false', shells: 'bash' },
        runnerDirs(),
      )
      expect(r.code).toBe(1)
      expect(r.outputs).toMatchObject({ 'exit-code': '1', status: 'config' })
      expect(r.stdout).toContain(
        '::error title=go-path-arbiter go-not-found::No Go found satisfying go-version 1.99 with install: false on PATH or in the tool cache; found: none',
      )
    })
  })

  describe('failures leave nothing behind and say why', () => {
    it('checksum mismatch: nothing cached, URL, expected and actual hash named', async () => {
      const dirs = runnerDirs()
      const r = await runAction(
        { 'go-version': archive.version, 'go-download-base-url': badSumMirror.baseUrl },
        dirs,
      )
      expect(r.code).toBe(2)
      expect(r.outputs).toMatchObject({ 'exit-code': '2', status: 'toolchain' })
      expect(r.stdout).toContain(
        `::error title=go-path-arbiter checksum-mismatch::sha256 mismatch for ${badSumMirror.baseUrl}/${archive.filename}: expected ${'ab'.repeat(32)}, got ${archive.sha256}`,
      )
      const versionDir = path.join(dirs.toolCache, 'go', archive.version)
      expect(existsSync(versionDir) ? readdirSync(versionDir) : []).toEqual([])
      expect(readdirSync(path.join(dirs.temp, 'go-path-arbiter', 'downloads'))).toEqual([])
      expect(r.env).toEqual({})
      expect(r.pathLines).toEqual([])
    })

    it('mirror answering 500 then 503 is retried and succeeds', async () => {
      mirror.requests.length = 0
      mirror.failures['/dl/?'] = [500]
      mirror.failures[`/dl/${archive.filename}`] = [503]
      const r = await runAction(
        { 'go-version': archive.version, 'go-download-base-url': mirror.baseUrl, ...check },
        runnerDirs(),
      )
      expect(r.code).toBe(0)
      expect(r.outputs['go-downloaded']).toBe('true')
      expect(mirror.requests).toEqual([
        '/dl/?mode=json&include=all',
        '/dl/?mode=json&include=all',
        `/dl/${archive.filename}`,
        `/dl/${archive.filename}`,
      ])
      expect(r.stdout).toContain(
        `${mirror.baseUrl}/?mode=json&include=all: HTTP 500 Internal Server Error; retry 1/3`,
      )
    })

    it('a 404 is not retried and is named', async () => {
      mirror.requests.length = 0
      mirror.failures['/dl/?'] = [404]
      const r = await runAction(
        { 'go-version': archive.version, 'go-download-base-url': mirror.baseUrl },
        runnerDirs(),
      )
      expect(r.code).toBe(2)
      expect(mirror.requests).toHaveLength(1)
      expect(r.stdout).toContain(
        `::error title=go-path-arbiter download-failed::${mirror.baseUrl}/?mode=json&include=all: HTTP 404 Not Found`,
      )
    })

    it('mirror down: clear error after retries', async () => {
      const r = await runAction(
        { 'go-version': archive.version, 'go-download-base-url': 'http://127.0.0.1:9/dl' },
        runnerDirs(),
      )
      expect(r.code).toBe(2)
      expect(r.stdout).toMatch(
        /::error title=go-path-arbiter download-failed::http:\/\/127\.0\.0\.1:9\/dl\/\?mode=json&include=all: .*ECONNREFUSED.* \(after 4 attempts\)/,
      )
    })

    it('unknown version: names the spec, the platform and the index', async () => {
      const r = await runAction(
        { 'go-version': '1.99.1', 'go-download-base-url': mirror.baseUrl },
        runnerDirs(),
      )
      expect(r.code).toBe(1)
      expect(r.stdout).toContain(
        `::error title=go-path-arbiter version-not-found::go-version 1.99.1: no Go release matches "1.99.1" for linux/amd64 in ${mirror.baseUrl}/?mode=json&include=all (newest stable listed: ${archive.goVersion})`,
      )
    })

    it('unreadable version file: names the input and the path', async () => {
      const r = await runAction({ 'go-version-file': 'nope/.go-version' }, runnerDirs())
      expect(r.code).toBe(1)
      expect(r.stdout).toContain(
        '::error title=go-path-arbiter version-file-unreadable::go-version-file: cannot read "nope/.go-version" (ENOENT',
      )
    })

    it('bad input values name the input', async () => {
      const r = await runAction({ 'go-version': '1.22', architecture: 'sparc' }, runnerDirs())
      expect(r.code).toBe(1)
      expect(r.stdout).toContain(
        '::error title=go-path-arbiter input-invalid::architecture: "sparc" is not a known architecture',
      )
    })
  })
})
