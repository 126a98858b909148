/**
 * No finding is lost: a stage that fails after the check (the attribution of profiles, the
 * annotations, the JSON report, the outputs' neighbours, the summary) leaves every finding
 * the check made in the verdict, the exit code, the annotations and the report. run()
 * in-process, each later stage made to fail in turn (the real module otherwise).
 */
import { afterAll, beforeAll, beforeEach, expect, it, jest } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { goArchive, indexFor, type GoArchive } from '../../__fixtures__/go-archive.js'
import { commandFiles, inputVars } from '../helpers/action.js'
import { inProcessRunner } from '../helpers/in-process.js'
import { parseEnvFile } from '../helpers/file-commands.js'
import { startMirror, type Mirror } from '../helpers/mirror.js'
import { describeWith } from '../helpers/tools.js'

type Failing = 'attribution' | 'annotations' | 'report' | 'summary' | undefined
let failing: Failing
const broke = (what: Failing) => new Error(`${what} broken on purpose`)

const realAttribution = await import('../../src/action/attribution.js')
const realAnnotations = await import('../../src/action/report/annotations.js')
const realJson = await import('../../src/report/json.js')
const realSummary = await import('../../src/action/report/summary.js')
jest.unstable_mockModule('../../src/action/attribution.js', () => ({
  ...realAttribution,
  // bash stands in for a profiled shell, so that the stage runs
  profiledShells: (f: Parameters<typeof realAttribution.profiledShells>[0]) =>
    failing === 'attribution' ? ['bash'] : realAttribution.profiledShells(f),
  attributeProfiles: (o: Parameters<typeof realAttribution.attributeProfiles>[0]) => {
    if (failing === 'attribution') throw broke(failing)
    return realAttribution.attributeProfiles(o)
  },
}))
jest.unstable_mockModule('../../src/action/report/annotations.js', () => ({
  ...realAnnotations,
  annotations: (...a: Parameters<typeof realAnnotations.annotations>) => {
    if (failing === 'annotations') throw broke(failing)
    return realAnnotations.annotations(...a)
  },
}))
jest.unstable_mockModule('../../src/report/json.js', () => ({
  ...realJson,
  writeReport: (...a: Parameters<typeof realJson.writeReport>) => {
    if (failing === 'report') throw broke(failing)
    return realJson.writeReport(...a)
  },
}))
jest.unstable_mockModule('../../src/action/report/summary.js', () => ({
  ...realSummary,
  renderSummary: (...a: Parameters<typeof realSummary.renderSummary>) => {
    if (failing === 'summary') throw broke(failing)
    return realSummary.renderSummary(...a)
  },
}))
const { run } = await import('../../src/action/run.js')

describeWith(['go'], 'a stage that fails after the check loses none of its findings', () => {
  let archive: GoArchive
  let mirror: Mirror
  const runner = inProcessRunner()
  beforeAll(async () => {
    archive = goArchive()
    mirror = await startMirror(indexFor(archive), { [archive.filename]: archive.file })
  })
  afterAll(() => mirror.close())
  beforeEach(() => {
    const dirs = runner.enter()
    // a BASH_ENV that sets another GOPATH: every bash step gets it, gopath-mismatch (code 1)
    const bashEnv = path.join(dirs.root, 'bash_env.sh')
    writeFileSync(bashEnv, 'export GOPATH=/somewhere/else\n')
    Object.assign(
      process.env,
      { BASH_ENV: bashEnv },
      inputVars({
        'go-version': archive.version,
        'go-download-base-url': mirror.baseUrl,
        shells: 'bash',
      }),
      commandFiles(dirs.temp),
    )
  })
  const written = () => runner.written()

  const outputs = () => parseEnvFile(readFileSync(process.env.GITHUB_OUTPUT!, 'utf8'))
  const summary = () => readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8')
  const reportIds = () =>
    (
      JSON.parse(readFileSync(outputs().report, 'utf8')) as { findings: Array<{ id: string }> }
    ).findings.map((f) => f.id)
  const annotated = (id: string) =>
    written().some((l) => l.startsWith(`::error title=go-path-arbiter ${id}::`))

  it('nothing fails: the check finding is everywhere (the baseline of the cases below)', async () => {
    failing = undefined
    expect(await run()).toBe(1)
    expect(process.exitCode).toBe(1)
    expect(outputs()['exit-code']).toBe('1')
    expect(reportIds()).toEqual(['gopath-mismatch'])
    expect(annotated('gopath-mismatch')).toBe(true)
    expect(summary()).toContain('**gopath-mismatch**')
  })

  it('the attribution of profiles throws: the check finding stays, beside the stage failure', async () => {
    failing = 'attribution'
    expect(await run()).toBe(1)
    expect(process.exitCode).toBe(1)
    expect(outputs()['exit-code']).toBe('1')
    expect(reportIds()).toEqual(['gopath-mismatch', 'check-error'])
    expect(annotated('gopath-mismatch')).toBe(true)
    expect(written().join('')).toContain('the stage "attribute the profiles" failed unexpectedly')
    expect(summary()).toContain('**gopath-mismatch**')
  })

  it('the annotations throw: the verdict, the exit code, the report and the summary stand', async () => {
    failing = 'annotations'
    expect(await run()).toBe(1)
    expect(process.exitCode).toBe(1)
    expect(outputs()).toMatchObject({ 'exit-code': '1', status: 'config' })
    expect(reportIds()).toEqual(['gopath-mismatch'])
    expect(summary()).toContain('**gopath-mismatch**')
    expect(written().join('')).toContain(
      'writing the annotations failed (annotations broken on purpose)',
    )
  })

  it('the JSON report cannot be written: the verdict, the annotations and the summary stand', async () => {
    failing = 'report'
    expect(await run()).toBe(1)
    expect(process.exitCode).toBe(1)
    expect(outputs()).toMatchObject({ 'exit-code': '1', status: 'config', report: '' })
    expect(annotated('gopath-mismatch')).toBe(true)
    expect(summary()).toContain('**gopath-mismatch**')
  })

  it('the summary cannot be rendered: the verdict, the annotations and the report stand', async () => {
    failing = 'summary'
    expect(await run()).toBe(1)
    expect(process.exitCode).toBe(1)
    expect(outputs()['exit-code']).toBe('1')
    expect(reportIds()).toEqual(['gopath-mismatch'])
    expect(annotated('gopath-mismatch')).toBe(true)
    expect(summary()).toBe('')
  })
})
