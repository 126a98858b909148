import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { goArchive, indexFor, layOutGoTree, type GoArchive } from '../../__fixtures__/go-archive.js'
import { runAction, runnerDirs } from '../helpers/action.js'
import { startMirror, type Mirror } from '../helpers/mirror.js'
import { describeWith } from '../helpers/tools.js'

describeWith(['go'], 'the check, end to end (the action bundle, a real Go archive)', () => {
  let archive: GoArchive
  const mirrors: Record<string, Mirror> = {}

  beforeAll(async () => {
    archive = goArchive()
    for (const variant of ['ok', 'no-pkg-tool', 'go-fails'] as const) {
      const a = goArchive(variant)
      mirrors[variant] = await startMirror(indexFor(a), { [a.filename]: a.file })
    }
  })
  afterAll(async () => {
    for (const m of Object.values(mirrors)) await m.close()
  })

  function install(variant: 'ok' | 'no-pkg-tool' | 'go-fails', more: Record<string, string> = {}) {
    return {
      'go-version': archive.version,
      'go-download-base-url': mirrors[variant].baseUrl,
      shells: 'bash, sh',
      ...more,
    }
  }

  interface Report {
    exitCode: number
    status: string
    findings: Array<{
      id: string
      category: string
      severity: string
      shells: string[]
      message: string
      file?: string
      line?: number
    }>
    probes: Array<{ shell: string; status: string; hits: { go: string[] }; view: { path: string } }>
  }
  const readReport = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Report
  const errorIds = (r: Report) => r.findings.filter((f) => f.severity === 'error').map((f) => f.id)

  describe('the check, end to end with real bash and sh', () => {
    it('a clean setup is exit code 0 with a summary table per shell and a PATH diff table', async () => {
      const dirs = runnerDirs()
      const r = await runAction(install('ok'), dirs)
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(r.outputs).toMatchObject({ 'exit-code': '0', status: 'ok' })
      // the Go problem matcher: the action's own matchers/go.json, beside dist/
      const matcher = /^::add-matcher::(.*)$/m.exec(r.stdout)![1]
      expect(matcher.endsWith(path.join('matchers', 'go.json'))).toBe(true)
      expect(existsSync(matcher)).toBe(true)
      const report = readReport(r.outputs.report)
      expect(errorIds(report)).toEqual([])
      expect(report.probes.map((p) => [p.shell, p.status])).toEqual([
        ['bash', 'ok'],
        ['sh', 'ok'],
      ])
      const goroot = path.join(dirs.toolCache, 'go', archive.version, 'x64')
      expect(report.probes[0].hits.go).toEqual([path.join(goroot, 'bin', 'go')])
      expect(r.summary).toContain('## go-path-arbiter: ✅ exit code 0 (consistent)')
      expect(r.summary).toMatch(
        /\| bash \| <code>[^|]*\/bin\/go<\/code> \| <code>go1\.\d+\.\d+<\/code> \|/,
      )
      expect(r.summary).toContain('| PATH entry | bash | sh | go | notes |')
      expect(r.summary).toMatch(
        /\| <code>[^|]*x64\/bin<\/code> \| 1 \| 1 \| ✔ \| \*\*GOROOT\/bin\*\* \|/,
      )
      expect(r.summary).toContain('No findings')
      expect(r.stdout).not.toContain('::error')
    })

    it('a second Go put first by BASH_ENV is exit code 1 (config), shown for bash only', async () => {
      const dirs = runnerDirs()
      const other = mkdtempSync(path.join(os.tmpdir(), 'gpa-other-'))
      layOutGoTree(other)
      const bashEnv = path.join(other, 'bash_env.sh')
      writeFileSync(bashEnv, `PATH="${path.join(other, 'go', 'bin')}:$PATH"\n`)
      const r = await runAction(install('ok'), dirs, { BASH_ENV: bashEnv })
      expect(r.code).toBe(1)
      expect(r.outputs).toMatchObject({ 'exit-code': '1', status: 'config' })
      const report = readReport(r.outputs.report)
      const shadow = report.findings.find((f) => f.id === 'go-shadowed')
      expect(shadow).toMatchObject({ severity: 'error', category: 'config', shells: ['bash'] })
      expect(r.stdout).toContain(
        `::error title=go-path-arbiter go-shadowed::[bash] bash: ${path.join(other, 'go', 'bin', 'go')} comes before the exported`,
      )
      expect(r.stdout).toContain(
        '::error::go-path-arbiter: exit code 1 (environment configuration)',
      )
      expect(r.summary).toContain('## go-path-arbiter: ❌ exit code 1 (environment configuration)')
      expect(r.summary).toMatch(
        /<code>[^|]*gpa-other-[^|]*\/go\/bin<\/code> \| 1 \| — \| ✔ \| ⚠️ shadows go in bash \|/,
      )
    })

    it('wsl: true off Windows is exit code 1 with the setup-wsl hint; wsl outputs stay empty', async () => {
      const r = await runAction(install('ok', { wsl: 'true' }), runnerDirs())
      expect(r.code).toBe(1)
      expect(r.outputs).toMatchObject({ 'exit-code': '1', 'wsl-goroot': '', 'wsl-gopath': '' })
      const report = readReport(r.outputs.report)
      expect(report.findings.find((f) => f.id === 'shell-missing')).toMatchObject({
        severity: 'error',
        shells: ['wsl'],
      })
      expect(r.stdout).toContain('WSL steps exist only on Windows runners')
    })

    it('a bad wsl input names the input and the value', async () => {
      const r = await runAction(install('ok', { wsl: 'sometimes' }), runnerDirs())
      expect(r.code).toBe(1)
      expect(r.outputs).toMatchObject({ 'exit-code': '1', status: 'config' })
      expect(r.stdout).toContain(
        '::error title=go-path-arbiter input-invalid::wsl: "sometimes" is not one of auto, true, false',
      )
    })

    it('fail-on: never keeps the job green but still reports the code', async () => {
      const other = mkdtempSync(path.join(os.tmpdir(), 'gpa-other-'))
      layOutGoTree(other)
      writeFileSync(path.join(other, 'e.sh'), `PATH="${path.join(other, 'go', 'bin')}:$PATH"\n`)
      const r = await runAction(install('ok', { 'fail-on': 'never' }), runnerDirs(), {
        BASH_ENV: path.join(other, 'e.sh'),
      })
      expect(r.code).toBe(0)
      expect(r.outputs['exit-code']).toBe('1')
      expect(r.stdout).toContain('::error title=go-path-arbiter go-shadowed::')
    })

    it('a Go tree without pkg/tool is exit code 2 (toolchain)', async () => {
      const r = await runAction(install('no-pkg-tool'), runnerDirs())
      expect(r.code).toBe(2)
      const report = readReport(r.outputs.report)
      expect(errorIds(report)).toEqual(expect.arrayContaining(['pkg-tool-missing', 'vet-missing']))
      expect(
        report.findings.every((f) => f.severity !== 'error' || f.category === 'toolchain'),
      ).toBe(true)
      expect(r.outputs).toMatchObject({ 'exit-code': '2', status: 'toolchain' })
    })

    it('a job that cross-compiles (GOOS and GOARCH of another target in its env) is exit code 0: the tree has the tools of this machine, not of the target', async () => {
      const dirs = runnerDirs()
      const r = await runAction(install('ok'), dirs, { GOOS: 'windows', GOARCH: 'arm64' })
      expect(r.stderr).toBe('')
      const report = readReport(r.outputs.report)
      expect(report.findings.filter((f) => f.severity === 'error')).toEqual([])
      expect(r.code).toBe(0)
    })

    it('a go that exits non-zero is exit code 2 (toolchain) in every shell', async () => {
      const r = await runAction(install('go-fails'), runnerDirs())
      expect(r.code).toBe(2)
      const report = readReport(r.outputs.report)
      const fails = report.findings.filter((f) => f.id === 'go-fails').flatMap((f) => f.shells)
      expect(fails.sort()).toEqual(['bash', 'sh'])
      expect(errorIds(report)).toContain('go-broken')
    })

    it('fail-on: module ignores a toolchain anomaly', async () => {
      const r = await runAction(install('go-fails', { 'fail-on': 'module' }), runnerDirs())
      expect(r.code).toBe(0)
      expect(r.outputs['exit-code']).toBe('2')
    })

    it('a go.sum that does not match go.mod is exit code 3 (module), annotated at the go.mod line', async () => {
      const dirs = runnerDirs()
      const mod = path.join(dirs.workspace, 'mod')
      mkdirSync(mod)
      writeFileSync(
        path.join(mod, 'go.mod'),
        'module example.com/app\n\ngo 1.19\n\nrequire example.com/dep v1.2.3\n',
      )
      writeFileSync(path.join(mod, 'go.sum'), 'example.com/other v1.0.0/go.mod h1:abc=\n')
      writeFileSync(path.join(mod, 'main.go'), 'package main\n\nfunc main() {}\n')
      const r = await runAction(install('ok', { 'working-directory': 'mod' }), dirs, {
        GOPROXY: 'off',
        GOFLAGS: '-mod=mod',
      })
      expect(r.code).toBe(3)
      const report = readReport(r.outputs.report)
      expect(report.findings.find((f) => f.id === 'gosum-stale')).toMatchObject({
        category: 'module',
        file: path.join(mod, 'go.mod'),
        line: 5,
      })
      expect(r.stdout).toContain(
        '::error title=go-path-arbiter gosum-stale,file=mod/go.mod,line=5::',
      )
      expect(r.outputs.status).toBe('module')
    })

    it('a module with no dependencies verifies (exit code 0)', async () => {
      const dirs = runnerDirs()
      writeFileSync(path.join(dirs.workspace, 'go.mod'), 'module example.com/app\n\ngo 1.19\n')
      const r = await runAction(install('ok'), dirs, { GOPROXY: 'off' })
      expect(r.code).toBe(0)
      const report = readReport(r.outputs.report)
      expect(report.findings.filter((f) => f.severity === 'error')).toEqual([])
    })

    it('go.mod asking for a newer Go than Go 1.19 (the real one here): before Go 1.21 the go line is advisory, so it is a notice at go.mod:3 and exit code 0, not a false red', async () => {
      const dirs = runnerDirs()
      writeFileSync(path.join(dirs.workspace, 'go.mod'), 'module example.com/app\n\ngo 1.99\n')
      const r = await runAction(install('ok'), dirs, { GOPROXY: 'off' })
      expect(r.code).toBe(0)
      const f = readReport(r.outputs.report).findings.find((x) => x.id === 'gomod-newer')
      expect(f).toMatchObject({ line: 3, severity: 'notice' })
      expect(f?.message).toContain('before Go 1.21 the go line is advisory')
    })

    describe('workspaces (go.work), with real Go', () => {
      /** A workspace of two modules, each with its own go line. */
      function workspace(work: string, bRequires = '') {
        const dirs = runnerDirs()
        const a = path.join(dirs.workspace, 'a')
        const b = path.join(dirs.workspace, 'b')
        mkdirSync(a)
        mkdirSync(b)
        writeFileSync(path.join(dirs.workspace, 'go.work'), work)
        writeFileSync(path.join(a, 'go.mod'), 'module example.com/a\n\ngo 1.19\n')
        writeFileSync(path.join(b, 'go.mod'), `module example.com/b\n\ngo 1.19\n${bRequires}`)
        return { dirs, a, b }
      }
      const inA = () => install('ok', { 'working-directory': 'a' })

      it('go.work a folder up the tree decides (exit 0): the summary and the report say go.work:1, with both members', async () => {
        const w = workspace('go 1.19\n\nuse (\n\t./a\n\t./b\n)\n')
        const r = await runAction(inA(), w.dirs, { GOPROXY: 'off' })
        const report = readReport(r.outputs.report) as Report & {
          modules: { decidedBy: { file: string; line: number }; workspace: { members: string[] } }
        }
        expect(errorIds(report)).toEqual([])
        expect(r.code).toBe(0)
        const work = path.join(w.dirs.workspace, 'go.work')
        expect(report.modules.decidedBy).toEqual({ file: work, line: 1 })
        expect(report.modules.workspace.members).toEqual([
          path.join(w.a, 'go.mod'),
          path.join(w.b, 'go.mod'),
        ])
        expect(r.summary).toContain(`**Modules**: workspace ${work}`)
        expect(r.summary).toContain(`the go line at ${work}:1 decides`)
      })

      it("GOWORK=off: the same tree in module mode, where a's go.mod decides and go.work's newer go line does not count (exit 0)", async () => {
        const w = workspace('go 1.99\n\nuse ./a\nuse ./b\n')
        const r = await runAction(inA(), w.dirs, { GOPROXY: 'off', GOWORK: 'off' })
        const report = readReport(r.outputs.report) as Report & {
          modules: { decidedBy: { file: string; line: number } }
        }
        expect(report.findings.find((f) => f.id === 'gomod-newer')).toBeUndefined()
        expect(report.modules.decidedBy).toEqual({ file: path.join(w.a, 'go.mod'), line: 3 })
        expect(r.summary).toContain('(GOWORK=off: no workspace)')
        expect(r.code).toBe(0)
      })

      it("a requirement no member's go.sum nor go.work.sum holds: gosum-stale at the member's own go.mod line (exit code 3)", async () => {
        const w = workspace('go 1.19\n\nuse ./a\nuse ./b\n', '\nrequire example.com/ext v1.0.0\n')
        writeFileSync(
          path.join(w.dirs.workspace, 'go.work.sum'),
          'example.com/other v1.0.0 h1:x=\n',
        )
        const r = await runAction(inA(), w.dirs, { GOPROXY: 'off' })
        const report = readReport(r.outputs.report)
        expect(report.findings.find((f) => f.id === 'gosum-stale')).toMatchObject({
          file: path.join(w.b, 'go.mod'),
          line: 5,
        })
        expect(r.code).toBe(3)
      })

      it("go-version-file: a/go.mod inside the workspace: go.work's go line chooses the Go, as go does (the mirror has only that one: go.mod's 1.17 alone would find none)", async () => {
        // the go line as this Go (1.19) writes it: major.minor
        const line = archive.version.split('.').slice(0, 2).join('.')
        const w = workspace(`go ${line}\n\nuse ./a\nuse ./b\n`)
        writeFileSync(path.join(w.a, 'go.mod'), 'module example.com/a\n\ngo 1.17\n')
        const inputs = {
          'go-version-file': 'a/go.mod',
          'go-download-base-url': mirrors.ok.baseUrl,
          shells: 'bash',
          'working-directory': 'a',
        }
        const r = await runAction(inputs, w.dirs, { GOPROXY: 'off' })
        expect(errorIds(readReport(r.outputs.report))).toEqual([])
        expect(r.outputs['go-version']).toBe(archive.version)
        expect(r.stdout).toContain(
          `decided by go.work go ${line} (${path.join(w.dirs.workspace, 'go.work')}: a/go.mod is in that workspace)`,
        )
        expect(r.code).toBe(0)
        // GOWORK=off: module mode, go.mod's own line, which the mirror cannot serve
        const off = await runAction(inputs, w.dirs, { GOPROXY: 'off', GOWORK: 'off' })
        expect(errorIds(readReport(off.outputs.report))).toEqual(['version-not-found'])
      })

      it('a go.work whose go line is newer than the Go set up (Go 1.19: advisory): gomod-newer at go.work:1, not at a go.mod (a notice, exit code 0)', async () => {
        const w = workspace('go 1.99\n\nuse ./a\nuse ./b\n')
        const r = await runAction(inA(), w.dirs, { GOPROXY: 'off' })
        expect(
          readReport(r.outputs.report).findings.find((f) => f.id === 'gomod-newer'),
        ).toMatchObject({
          file: path.join(w.dirs.workspace, 'go.work'),
          line: 1,
          severity: 'notice',
        })
        expect(r.code).toBe(0)
      })
    })

    it('a shell named explicitly but missing is an error; summary false writes no summary', async () => {
      const r = await runAction(
        install('ok', { shells: 'bash,cmd', summary: 'false' }),
        runnerDirs(),
      )
      expect(r.code).toBe(1)
      expect(
        readReport(r.outputs.report).findings.find((f) => f.id === 'shell-missing'),
      ).toMatchObject({ severity: 'error', shells: ['cmd'] })
      expect(r.summary).toBe('')
      expect(existsSync(r.outputs.report)).toBe(true)
    })

    it('hostile PATH entries are shown escaped and run nothing', async () => {
      const dirs = runnerDirs()
      const weird = path.join(dirs.root, 'we|rd `x` <b>&$(touch PWNED)')
      mkdirSync(weird, { recursive: true })
      const r = await runAction(install('ok'), dirs, {
        PATH: `${weird}:${(await import('../helpers/action.js')).basePathWithoutGo()}`,
      })
      expect(r.code).toBe(0)
      expect(r.summary).toContain('we&#124;rd &#96;x&#96; &lt;b&gt;&amp;&#36;(touch PWNED)')
      expect(existsSync(path.join(dirs.workspace, 'PWNED'))).toBe(false)
    })

    it('a later setup-go step (another go first, GOROOT left as it was) is caught by the install: false re-check', async () => {
      const dirs = runnerDirs()
      const first = await runAction(install('ok'), dirs)
      expect(first.outputs['exit-code']).toBe('0')
      // what a later actions/setup-go leaves: its go first on PATH, our GOROOT still exported
      const setupGo = mkdtempSync(path.join(os.tmpdir(), 'gpa-setup-go-'))
      writeFileSync(
        path.join(setupGo, 'go'),
        '#!/bin/sh\nif [ "$1" = env ]; then printf \'{"GOROOT": "%s", "GOVERSION": "go1.23.0"}\\n\' "$GOROOT"; else echo go version go1.23.0; fi\n',
        { mode: 0o755 },
      )
      const again = await runAction(
        { install: 'false', shells: 'bash, sh', 'fail-on': 'never' },
        dirs,
        { ...first.env, PATH: `${setupGo}:${first.stepEnv.PATH}` },
      )
      expect(again.outputs['exit-code']).toBe('2')
      const f = readReport(again.outputs.report).findings.find(
        (x) => x.id === 'version-not-installed',
      )
      expect(f).toMatchObject({ severity: 'error', category: 'toolchain' })
      const v = archive.goVersion
      expect(f!.message).toBe(
        `The exported go reports another version than 1.23.0 (the tree: ${v}; bash: ${v}; sh: ${v})`,
      )
    })
  })
})
