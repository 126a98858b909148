/**
 * run() in-process, talking to the runner through real command files: every declared
 * output is set on a clean run, and every way a run can end sets exit-code, status and
 * report and writes the summary. (The bundle itself is run by the end-to-end tests.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { goArchive, indexFor, type GoArchive } from '../../__fixtures__/go-archive.js'
import { basePathWithoutGo, commandFiles, inputVars, repoRoot } from '../helpers/action.js'
import { inProcessRunner } from '../helpers/in-process.js'
import { startMirror, type Mirror } from '../helpers/mirror.js'
import { parseEnvFile } from '../helpers/file-commands.js'
import { describeWith } from '../helpers/tools.js'
import { run } from '../../src/action/run.js'

/** A step of its own: the inputs as INPUT_* variables, and empty command files. */
function step(temp: string, inputs: Record<string, string>): void {
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k]
  Object.assign(process.env, inputVars(inputs), commandFiles(temp))
}

const outputs = () => parseEnvFile(readFileSync(process.env.GITHUB_OUTPUT!, 'utf8'))
const summary = () => readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8')

describeWith(['go'], 'run() in-process with a real Go archive', () => {
  const declared = Object.keys(
    (
      parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as {
        outputs: Record<string, unknown>
      }
    ).outputs,
  )

  let archive: GoArchive
  let mirror: Mirror
  const runner = inProcessRunner()
  beforeAll(async () => {
    archive = goArchive()
    mirror = await startMirror(indexFor(archive), { [archive.filename]: archive.file })
  })
  afterAll(() => mirror.close())
  let temp = ''
  beforeEach(() => {
    temp = runner.enter().temp
  })
  // what the runner would read off stdout as commands (the matcher), kept out of the test log
  const written = () => runner.written()

  describe('run() in-process', () => {
    it('a clean run sets every output action.yml declares', async () => {
      step(temp, {
        'go-version': archive.version,
        'go-download-base-url': mirror.baseUrl,
        shells: 'bash',
      })
      expect(await run()).toBe(0)
      expect(Object.keys(outputs()).sort()).toEqual([...declared].sort())
      expect(outputs()).toMatchObject({
        'exit-code': '0',
        status: 'ok',
        'go-version': archive.version,
      })
      expect(existsSync(outputs().report)).toBe(true)
      expect(outputs().gocache).toMatch(/go-build$/)
      expect(outputs().gomodcache).toMatch(/pkg[\\/]mod$/)
      expect(summary()).toContain('✅ exit code 0')
      expect(written().filter((l) => l.startsWith('::error'))).toEqual([])
      const matchers = written().filter((l) => l.startsWith('::add-matcher::'))
      expect(matchers).toHaveLength(1)
      // from the sources the path points beside src/; the bundle's path is checked end to end
      expect(matchers[0].trim()).toMatch(/[\\/]matchers[\\/]go\.json$/)
    })

    it('a re-check later in the job: the shells see each exported entry once, though the export also prepends it to this process', async () => {
      step(temp, {
        'go-version': archive.version,
        'go-download-base-url': mirror.baseUrl,
        shells: 'bash',
      })
      expect(await run()).toBe(0)
      const { goroot, report: first } = outputs()
      expect(first).toBeTruthy()
      // the next step: the first run's GITHUB_PATH lines are on PATH already
      process.env.PATH = `${goroot}/bin:${process.env.HOME}/go/bin:${basePathWithoutGo()}`
      step(temp, { 'go-version': archive.version, install: 'false', shells: 'bash' })
      expect(await run()).toBe(0)
      const again = JSON.parse(readFileSync(outputs().report, 'utf8')) as {
        findings: Array<{ id: string }>
        probes: Array<{ shell: string; pathEntries: string[] }>
      }
      expect(again.findings.map((f) => f.id)).toEqual([])
      const bash = again.probes.find((p) => p.shell === 'bash')!
      expect(bash.pathEntries.filter((e) => e === `${goroot}/bin`)).toHaveLength(1)
    })

    it.each([
      ['a bad input', { 'fail-on': 'sometimes' }, 1, 'input-invalid'],
      ['a version no release has', { 'go-version': '9.9.9' }, 1, 'version-not-found'],
      [
        'an unreadable version file',
        { 'go-version-file': 'no/such/go.mod' },
        1,
        'version-file-unreadable',
      ],
    ])('%s: outputs, report, summary and the semantic exit code', async (_n, inputs, code, id) => {
      step(temp, { 'go-download-base-url': mirror.baseUrl, shells: 'bash', ...inputs })
      expect(await run()).toBe(code)
      expect(process.exitCode).toBe(code)
      expect(outputs()['exit-code']).toBe(String(code))
      const report = JSON.parse(readFileSync(outputs().report, 'utf8')) as {
        findings: Array<{ id: string }>
      }
      expect(report.findings.map((f) => f.id)).toEqual([id])
      expect(summary()).toContain(`**${id}**`)
      expect(summary()).toContain('No Go was set up')
      expect(written().find((l) => l.startsWith('::error'))).toMatch(
        new RegExp(`^::error title=go-path-arbiter ${id}::`),
      )
    })
  })
})
