/**
 * Every way a run can end keeps the contract: the outputs exit-code, status and report are
 * set, the report names the finding, the summary says what failed and how to fix it, and
 * the process exits with the code fail-on decides. Through the bundle, as the runner runs it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { goArchive, indexFor, type GoArchive } from '../../__fixtures__/go-archive.js'
import { basePathWithoutGo, runAction, runnerDirs, type ActionRun } from '../helpers/action.js'
import { startHostile, type Hostile } from '../helpers/hostile.js'
import { describeWith } from '../helpers/tools.js'

describeWith(
  ['go'],
  'the exit-code contract, end to end (the action bundle, a real Go archive)',
  () => {
    // built at load time: the table below names its version
    const archive: GoArchive = goArchive()
    let mirror: Hostile
    let corrupt: Hostile
    beforeAll(async () => {
      mirror = await startHostile({
        index: { kind: 'json', body: indexFor(archive) },
        [archive.filename]: { kind: 'file', file: archive.file },
      })
      // a tar.gz that is not one, listed with its true sha256: it downloads and verifies, then cannot be unpacked
      const bad = Buffer.from('not a tarball at all')
      const { createHash } = await import('node:crypto')
      corrupt = await startHostile({
        index: {
          kind: 'json',
          body: indexFor({
            ...archive,
            sha256: createHash('sha256').update(bad).digest('hex'),
            size: bad.length,
          }),
        },
        [archive.filename]: { kind: 'bytes', body: bad },
      })
    })
    afterAll(async () => {
      await mirror.close()
      await corrupt.close()
    })

    interface Report {
      exitCode: number
      status: string
      failing: string[]
      processExitCode: number
      findings: Array<{
        id: string
        category: string
        message: string
        file?: string
        line?: number
      }>
    }
    const reportOf = (r: ActionRun) => JSON.parse(readFileSync(r.outputs.report, 'utf8')) as Report

    /** A `go` program on PATH that does something else than Go. */
    function fakeGoOnPath(body: string): string {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'gpa-fakego-'))
      writeFileSync(path.join(dir, 'go'), `#!/bin/sh\n${body}\n`)
      chmodSync(path.join(dir, 'go'), 0o755)
      return `${dir}:${basePathWithoutGo()}`
    }

    const install = (more: Record<string, string> = {}) => ({
      'go-version': archive.version,
      'go-download-base-url': 'PLACEHOLDER_MIRROR',
      shells: 'bash',
      ...more,
    })

    type Row = [
      string,
      Record<string, string>,
      NodeJS.ProcessEnv,
      { code: 0 | 1 | 2 | 3; process: number; id: string; message?: RegExp },
    ]

    const table: Row[] = [
      [
        'an invalid input (fail-on itself)',
        { 'fail-on': 'sometimes' },
        {},
        { code: 1, process: 1, id: 'input-invalid', message: /fail-on: "sometimes"/ },
      ],
      [
        'a probe-timeout that would time every probe out',
        install({ 'probe-timeout': '1e-9' }),
        {},
        {
          code: 1,
          process: 1,
          id: 'input-invalid',
          message: /probe-timeout: "1e-9" is not a number of seconds from 1 to 3600/,
        },
      ],
      [
        'a working-directory that does not exist',
        install({ 'working-directory': 'no/such/dir' }),
        {},
        {
          code: 1,
          process: 1,
          id: 'input-invalid',
          message: /working-directory: "no\/such\/dir" is not a folder/,
        },
      ],
      [
        'an unreadable version file',
        { 'go-version-file': 'nope/go.mod', shells: 'bash' },
        {},
        { code: 1, process: 1, id: 'version-file-unreadable' },
      ],
      [
        'install: false and no Go anywhere',
        { 'go-version': '1.99', install: 'false', shells: 'bash' },
        {},
        { code: 1, process: 1, id: 'go-not-found' },
      ],
      [
        'install: false and the only go on PATH crashes',
        { install: 'false', shells: 'bash' },
        { PATH: fakeGoOnPath('echo "signal: segmentation fault" >&2; exit 2') },
        {
          code: 2,
          process: 2,
          id: 'go-unusable',
          message:
            /The go on PATH \(\/tmp\/gpa-fakego-[^)]+\/go\) does not work: .*exit 2: signal: segmentation fault/,
        },
      ],
      [
        'install: false and the go on PATH hangs, ignoring SIGTERM',
        { install: 'false', shells: 'bash', 'probe-timeout': '2' },
        { PATH: fakeGoOnPath("trap '' TERM; sleep 60") },
        { code: 2, process: 2, id: 'go-unusable', message: /timed out after 2000 ms/ },
      ],
      [
        'install: false and the go on PATH prints 20 MB that is not JSON',
        { install: 'false', shells: 'bash' },
        { PATH: fakeGoOnPath('head -c 20000000 /dev/zero | tr "\\0" x') },
        { code: 2, process: 2, id: 'go-unusable', message: /printed no JSON object/ },
      ],
      [
        'a version no release has',
        install({ 'go-version': '9.9.9' }),
        {},
        { code: 1, process: 1, id: 'version-not-found' },
      ],
      [
        'a 404 for the index',
        install({ 'go-download-base-url': 'PLACEHOLDER_404' }),
        {},
        { code: 2, process: 2, id: 'download-failed' },
      ],
      [
        'an archive that verifies but cannot be unpacked',
        install({ 'go-download-base-url': 'PLACEHOLDER_CORRUPT' }),
        {},
        { code: 2, process: 2, id: 'extract-failed' },
      ],
      [
        'the home folder is not set: no default GOPATH',
        install(),
        { HOME: '' },
        {
          code: 1,
          process: 1,
          id: 'gopath-unusable',
          message: /home folder .* is not set; set the gopath input/,
        },
      ],
      [
        'a relative gopath',
        install({ gopath: 'rel/go' }),
        {},
        {
          code: 1,
          process: 1,
          id: 'input-invalid',
          message: /gopath: "rel\/go" cannot be exported: it is not an absolute path/,
        },
      ],
      [
        'a gopath with a newline',
        install({ gopath: '/tmp/go\nGOROOT=/evil/bin' }),
        {},
        {
          code: 1,
          process: 1,
          id: 'input-invalid',
          message: /gopath: .* holds a control character/,
        },
      ],
      [
        'fail-on: never and a bad input: read first, so the job goes on; the code is still 1',
        install({ 'fail-on': 'never', 'probe-timeout': '0' }),
        {},
        { code: 1, process: 0, id: 'input-invalid', message: /probe-timeout: "0"/ },
      ],
      [
        'fail-on: never and a checksum mismatch: the job goes on, the code is still 2',
        {
          'go-version': archive.version,
          'go-download-base-url': 'PLACEHOLDER_BADSUM',
          'fail-on': 'never',
          shells: 'bash',
        },
        {},
        { code: 2, process: 0, id: 'checksum-mismatch' },
      ],
    ]

    describe('every way a run ends keeps the contract', () => {
      let badSum: Hostile
      beforeAll(async () => {
        badSum = await startHostile({
          index: { kind: 'json', body: indexFor(archive, { sha256: 'ab'.repeat(32) }) },
          [archive.filename]: { kind: 'file', file: archive.file },
        })
      })
      afterAll(() => badSum.close())

      it.each(table)('%s', async (_name, inputs, env, want) => {
        const resolved = Object.fromEntries(
          Object.entries(inputs).map(([k, v]) => [
            k,
            v === 'PLACEHOLDER_MIRROR'
              ? mirror.baseUrl
              : v === 'PLACEHOLDER_404'
                ? `${mirror.baseUrl}/missing`
                : v === 'PLACEHOLDER_CORRUPT'
                  ? corrupt.baseUrl
                  : v === 'PLACEHOLDER_BADSUM'
                    ? badSum.baseUrl
                    : v,
          ]),
        )
        const start = Date.now()
        const r = await runAction(resolved, runnerDirs(), env)
        // waits for a whole run (a second or two); 30 s: no case may hang on a deadline
        expect(Date.now() - start).toBeLessThan(30_000)
        expect(r.stderr).toBe('')
        expect(r.code).toBe(want.process)
        expect(r.outputs['exit-code']).toBe(String(want.code))
        expect(r.outputs.status).toBe(['ok', 'config', 'toolchain', 'module'][want.code])
        const report = reportOf(r)
        expect(report.exitCode).toBe(want.code)
        expect(report.findings.map((f) => f.id)).toContain(want.id)
        const f = report.findings.find((x) => x.id === want.id)!
        if (want.message) expect(f.message).toMatch(want.message)
        expect(r.summary).toContain(`exit code ${want.code}`)
        expect(r.summary).toContain(`**${want.id}**`)
        expect(r.summary).toContain('Fix:')
        expect(statSync(r.outputs.report).size).toBeLessThan(2_000_000)
        // nothing raw ever reaches GITHUB_PATH
        for (const line of r.pathLines) expect(line).toMatch(/^\/[^\n\r]*$/)
      })
    })

    describe('findings of the check and fail-on', () => {
      const install = (more: Record<string, string> = {}) => ({
        'go-version': archive.version,
        'go-download-base-url': mirror.baseUrl,
        shells: 'bash',
        ...more,
      })

      it('a go line Go cannot be compared by semver: a finding at go.mod:3, never a crash', async () => {
        const dirs = runnerDirs()
        writeFileSync(
          path.join(dirs.workspace, 'go.mod'),
          'module example.com/x\n\ngo 1.99999999999999999999\n',
        )
        const r = await runAction(install({ 'fail-on': 'never' }), dirs)
        expect(r.code).toBe(0)
        // Go 1.19 (the real one here) reads the go line as advisory: a notice
        expect(r.outputs['exit-code']).toBe('0')
        const f = reportOf(r).findings.find((x) => x.id === 'gomod-newer')!
        expect(f).toMatchObject({ line: 3, severity: 'notice' })
        expect(f.file).toBe(path.join(dirs.workspace, 'go.mod'))
        expect(r.summary).toContain('gomod-newer')
      })

      it('fail-on: module with a config and a module error: the exit-code output is 1, the process exits 3', async () => {
        const dirs = runnerDirs()
        // a module error: go.sum lacks what go.mod requires
        writeFileSync(
          path.join(dirs.workspace, 'go.mod'),
          'module example.com/x\n\ngo 1.19\n\nrequire example.com/dep v1.0.0\n',
        )
        writeFileSync(path.join(dirs.workspace, 'go.sum'), '')
        // and a config error: GOPATH/bin removed from PATH for bash by BASH_ENV
        const bashEnv = path.join(dirs.root, 'env.sh')
        writeFileSync(
          bashEnv,
          'PATH=$(printf "%s" "$PATH" | tr ":" "\\n" | grep -v "/go/bin$" | paste -sd: -)\n',
        )
        const r = await runAction(install({ 'fail-on': 'module', 'check-modules': 'true' }), dirs, {
          BASH_ENV: bashEnv,
        })
        const report = reportOf(r)
        expect(report.findings.map((f) => f.category)).toEqual(
          expect.arrayContaining(['config', 'module']),
        )
        expect(r.outputs['exit-code']).toBe('1')
        expect(report.failing).toEqual(['module'])
        expect(r.code).toBe(3)
        expect(r.stdout).toContain(
          '::error::go-path-arbiter: exit code 3 (module inconsistency); the exit-code output is 1 (environment configuration), the lowest category found',
        )
      })

      it("a go env -w GOPATH with a trailing \\r (cmd's echo into the file) is refused, naming the file and the value", async () => {
        const dirs = runnerDirs()
        const goenv = path.join(dirs.home, '.config', 'go', 'env')
        mkdirSync(path.dirname(goenv), { recursive: true })
        writeFileSync(goenv, `GOPATH=${dirs.home}/gp\r\n`)
        const r = await runAction(install(), dirs)
        expect(r.code).toBe(1)
        const f = reportOf(r).findings[0]
        expect(f.id).toBe('gopath-unusable')
        expect(f.message).toContain(`(set in ${goenv})`)
        expect(f.message).toContain(`"${dirs.home}/gp\\r"`)
        expect(r.pathLines).toEqual([])
      })

      it('a GOPATH that cannot be created is a finding; the run goes on and checks the shells', async () => {
        const r = await runAction(install({ gopath: '/proc/no-such/go' }), runnerDirs())
        expect(r.code).toBe(1)
        const ids = reportOf(r).findings.map((f) => f.id)
        expect(ids).toContain('gopath-unusable')
        expect(r.env.GOPATH).toBe('/proc/no-such/go')
        expect(r.summary).toContain('### What each shell sees')
      })

      it('RUNNER_TEMP that is not a folder is named; the report still gets written', async () => {
        const dirs = runnerDirs()
        const notADir = path.join(dirs.root, 'temp-file')
        writeFileSync(notADir, '')
        const r = await runAction(install(), dirs, {}, { RUNNER_TEMP: notADir })
        expect(r.code).toBe(1)
        const f = reportOf(r).findings[0]
        expect(f.id).toBe('runner-dir-unusable')
        expect(f.message).toContain(`RUNNER_TEMP (${notADir})`)
        expect(f.message).toContain('ENOTDIR')
        expect(r.outputs.report).toMatch(/^\/tmp\/go-path-arbiter\//)
      })

      it('a tool cache that cannot be written is named as RUNNER_TOOL_CACHE, and is not retried as a download', async () => {
        const dirs = runnerDirs()
        writeFileSync(path.join(dirs.toolCache, 'go'), 'a file where the go folder belongs')
        const before = mirror.requests.length
        const r = await runAction(install(), dirs)
        expect(r.code).toBe(1)
        const f = reportOf(r).findings[0]
        expect(f.id).toBe('runner-dir-unusable')
        expect(f.message).toContain(`RUNNER_TOOL_CACHE (${dirs.toolCache})`)
        expect(mirror.requests.slice(before).filter((u) => u.endsWith('.tar.gz'))).toHaveLength(1)
      })
    })
  },
)
