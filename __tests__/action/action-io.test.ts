/**
 * The action speaks to the runner through @actions/core (src/action/action-io.ts): what it
 * writes is read back by the runner's own parser, what it says before the toolkit has
 * loaded comes out in order once it has, the inputs are read by core.getInput's rule, and
 * a failed step carries the contract's code.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import * as core from '@actions/core'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as io from '../../src/action/action-io.js'
import { parseEnvFile } from '../helpers/file-commands.js'
import { resetSummaryFile } from '../helpers/in-process.js'

const FILES = ['GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY']

const saved = { ...process.env }
let root: string
let stdout = ''
beforeEach(async () => {
  await io.loadToolkit()
  root = mkdtempSync(path.join(os.tmpdir(), 'gpa-action-io-'))
  for (const k of Object.keys(process.env)) delete process.env[k]
  process.env.PATH = '/usr/bin'
  for (const f of FILES) {
    process.env[f] = path.join(root, f)
    writeFileSync(process.env[f]!, '')
  }
  resetSummaryFile()
  process.exitCode = undefined
  stdout = ''
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk)
    return true
  })
})
afterEach(() => {
  jest.restoreAllMocks()
  for (const k of Object.keys(process.env)) delete process.env[k]
  Object.assign(process.env, saved)
  process.exitCode = undefined
  rmSync(root, { recursive: true, force: true })
})

const file = (name: string) => readFileSync(process.env[name]!, 'utf8')
const tricky = 'line one\nline two\r\n100% ::error::x, a:b'

describe('the file commands, read back by the runner', () => {
  it('exports, PATH entries (the first ends up first), outputs and state', async () => {
    const vars = { GOROOT: '/opt/go', GOFLAGS: tricky, EMPTY: '' }
    await io.writeExports(vars, ['/opt/go/bin', '/home/u/go/bin'])
    await io.writeOutputs({ 'go-version': '1.22.1', report: tricky, none: '' })
    await io.saveState('caches', '{"restored":[]}')
    expect(parseEnvFile(file('GITHUB_ENV'))).toEqual(vars)
    expect(file('GITHUB_PATH')).toBe('/home/u/go/bin\n/opt/go/bin\n')
    expect(parseEnvFile(file('GITHUB_OUTPUT'))).toEqual({
      'go-version': '1.22.1',
      report: tricky,
      none: '',
    })
    expect(parseEnvFile(file('GITHUB_STATE'))).toEqual({ caches: '{"restored":[]}' })
    // and this process, as the toolkit does
    expect(process.env.PATH).toBe('/opt/go/bin:/home/u/go/bin:/usr/bin')
    expect(process.env.GOFLAGS).toBe(tricky)
  })

  it('a command file named but missing is an error', async () => {
    const gone = path.join(root, 'gone')
    Object.assign(process.env, { GITHUB_OUTPUT: gone, GITHUB_ENV: gone, GITHUB_PATH: gone })
    await expect(io.writeOutputs({ a: 'b' })).rejects.toThrow(/gone/)
    await expect(io.writeExports({ A: 'b' }, [])).rejects.toThrow(/gone/)
    await expect(io.writeExports({}, ['/x'])).rejects.toThrow(/gone/)
  })

  it('the summary is appended; a missing or unwritable summary file is an error', async () => {
    await io.writeSummary('# one\n')
    await io.writeSummary(tricky)
    expect(file('GITHUB_STEP_SUMMARY')).toBe(`# one\n${tricky}`)
    const ro = path.join(root, 'read-only')
    writeFileSync(ro, '')
    chmodSync(ro, 0o444)
    for (const [value, fails] of [
      [undefined, true],
      [path.join(root, 'missing'), true],
      // root may write a read-only file
      [ro, process.getuid?.() !== 0],
    ] as const) {
      if (value === undefined) delete process.env.GITHUB_STEP_SUMMARY
      else process.env.GITHUB_STEP_SUMMARY = value
      resetSummaryFile()
      const r = io.writeSummary('x')
      await (fails ? expect(r).rejects.toThrow() : expect(r).resolves.toBeUndefined())
    }
  })
})

describe('the log', () => {
  it('annotations with a title, a file and a line; notices as log lines', () => {
    io.annotate([
      { level: 'error', text: tricky, title: 'go-path-arbiter a,b:c', file: 'go.mod', line: 3 },
      { level: 'warning', text: 'w', title: 't' },
      { level: 'notice', text: 'n', title: 't' },
    ])
    expect(stdout.split('\n').filter(Boolean)).toEqual([
      '::error title=go-path-arbiter a%2Cb%3Ac,file=go.mod,line=3::line one%0Aline two%0D%0A100%25 ::error::x, a:b',
      '::warning title=t::w',
      'notice: n',
    ])
  })

  it('a group, a masked secret, a debug line and an escaped log line', async () => {
    io.maskSecret('ghp_secret')
    await io.actionLog.group('set up Go 100%', async () => io.actionLog.info('::error::inside'))
    io.actionLog.debug('chose go1.22.5 (go.mod)')
    expect(stdout.split('\n').filter(Boolean)).toEqual([
      '::add-mask::ghp_secret',
      '::group::set up Go 100%25',
      'go-path-arbiter: ::error::inside',
      '::endgroup::',
      '::debug::chose go1.22.5 (go.mod)',
    ])
  })

  it('failing the step: setFailed, then the contract code (2 or 3 stay so)', async () => {
    await io.failStep('toolchain anomaly', 2)
    expect(stdout).toBe('::error::toolchain anomaly\n')
    expect(process.exitCode).toBe(2)
  })
})

describe('the inputs, read before the toolkit has loaded', () => {
  it.each(['go-version', 'fail on', 'SHELLS', 'cache-dependency-path', 'absent'])(
    'input %j by core.getInput rule',
    (name) => {
      process.env['INPUT_GO-VERSION'] = '  1.22.1 \n'
      process.env.INPUT_FAIL_ON = ' never'
      process.env.INPUT_SHELLS = 'bash'
      process.env['INPUT_CACHE-DEPENDENCY-PATH'] = 'a/go.sum\nb/go.sum\n'
      expect(io.readInput(name)).toBe(core.getInput(name))
    },
  )
})
