/**
 * The action talks to the runner without loading @actions/core (start-up, docs/design.md),
 * so every exchange is held to the toolkit's own: the same calls, made once through
 * app/action-io.ts and once through @actions/core, against the same environment and fresh
 * command files, must leave the same bytes on stdout and in every file (the random
 * delimiters aside), the same process.env and the same exit code.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import * as core from '@actions/core'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as io from '../../src/action/action-io.js'
import { parseEnvFile } from '../helpers/file-commands.js'

const FILES = ['GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY']

interface Seen {
  stdout: string
  files: Record<string, string>
  env: Record<string, string | undefined>
  exitCode: typeof process.exitCode
  error?: string
}

const saved = { ...process.env }
let root: string
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'gpa-action-io-'))
})
afterEach(() => {
  for (const k of Object.keys(process.env)) delete process.env[k]
  Object.assign(process.env, saved)
  process.exitCode = undefined
  jest.restoreAllMocks()
  rmSync(root, { recursive: true, force: true })
})

const delimiters = (s: string) => s.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'ghadelimiter_X')

/** Runs `calls` with fresh files (or none), capturing what a runner would see. */
async function seen(
  which: string,
  calls: () => unknown,
  opts: { files?: boolean; env?: Record<string, string> } = {},
): Promise<Seen> {
  const dir = path.join(root, which)
  for (const k of Object.keys(process.env)) delete process.env[k]
  Object.assign(process.env, { PATH: '/usr/bin', ...opts.env })
  if (opts.files !== false) {
    for (const f of FILES) {
      const file = `${dir}-${f}`
      writeFileSync(file, '')
      process.env[f] = file
    }
  }
  process.exitCode = undefined
  // the toolkit's summary keeps the first file it was given
  ;(core.summary as unknown as { _filePath?: string })._filePath = undefined
  let stdout = ''
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk)
    return true
  })
  let error: string | undefined
  try {
    await calls()
  } catch (err) {
    error = (err as Error).constructor.name
  } finally {
    spy.mockRestore()
  }
  const files: Record<string, string> = {}
  if (opts.files !== false)
    for (const f of FILES) files[f] = delimiters(readFileSync(process.env[f]!, 'utf8'))
  const env = { ...process.env }
  for (const f of FILES) delete env[f]
  return { stdout: delimiters(stdout), files, env, exitCode: process.exitCode, error }
}

async function same(ours: () => unknown, theirs: () => unknown, opts = {}): Promise<Seen> {
  const a = await seen('ours', ours, opts)
  const b = await seen('toolkit', theirs, opts)
  expect(a).toEqual(b)
  return a
}

const tricky = 'line one\nline two\r\n100% ::error::x, a:b'

describe('the file commands are written as @actions/core writes them', () => {
  it.each([true, false])(
    'exports, PATH entries, outputs and state (files present: %s)',
    async (files) => {
      const vars = { GOROOT: '/opt/go', GOFLAGS: tricky, EMPTY: '' }
      const s = await same(
        () => {
          io.writeExports(vars, ['/opt/go/bin', '/home/u/go/bin'])
          io.writeOutputs({ 'go-version': '1.22.1', report: tricky, none: '' })
          io.saveState('caches', '{"restored":[]}')
        },
        () => {
          for (const [k, v] of Object.entries(vars)) core.exportVariable(k, v)
          for (const p of ['/home/u/go/bin', '/opt/go/bin']) core.addPath(p)
          for (const [k, v] of Object.entries({ 'go-version': '1.22.1', report: tricky, none: '' }))
            core.setOutput(k, v)
          core.saveState('caches', '{"restored":[]}')
        },
        { files },
      )
      expect(s.env.PATH).toBe('/opt/go/bin:/home/u/go/bin:/usr/bin')
      expect(s.env.GOFLAGS).toBe(tricky)
      if (files) {
        // and the runner's own parser reads back every value
        expect(parseEnvFile(s.files.GITHUB_ENV)).toEqual(vars)
        expect(parseEnvFile(s.files.GITHUB_OUTPUT).report).toBe(tricky)
        expect(s.files.GITHUB_PATH).toBe('/home/u/go/bin\n/opt/go/bin\n')
      } else {
        expect(s.stdout).toContain('::set-env name=GOFLAGS::line one%0Aline two%0D%0A100%25')
      }
    },
  )

  it('a command file named but missing is an error, as in the toolkit', async () => {
    const gone = path.join(root, 'gone')
    for (const [ours, theirs] of [
      [() => io.writeOutputs({ a: 'b' }), () => core.setOutput('a', 'b')],
      [() => io.writeExports({ A: 'b' }, []), () => core.exportVariable('A', 'b')],
      [() => io.writeExports({}, ['/x']), () => core.addPath('/x')],
      [() => io.saveState('a', 'b'), () => core.saveState('a', 'b')],
    ] as const) {
      const env = { GITHUB_OUTPUT: gone, GITHUB_ENV: gone, GITHUB_PATH: gone, GITHUB_STATE: gone }
      const s = await same(ours, theirs, { files: false, env })
      expect(s.error).toBe('Error')
    }
  })
})

describe('the stdout commands are written as @actions/core writes them', () => {
  it('annotations with a title, a file and a line, and without', async () => {
    await same(
      () =>
        io.annotate([
          { level: 'error', text: tricky, title: 'go-path-arbiter a,b:c', file: 'go.mod', line: 3 },
          { level: 'warning', text: 'w', title: 't' },
          { level: 'error', text: 'no line', title: 't', file: 'a b/c%d.go', line: 0 },
        ]),
      () => {
        core.error(tricky, { title: 'go-path-arbiter a,b:c', file: 'go.mod', startLine: 3 })
        core.warning('w', { title: 't' })
        core.error('no line', { title: 't', file: 'a b/c%d.go' })
      },
    )
  })

  it('a warning, a group, a masked secret and plain log lines', async () => {
    await same(
      async () => {
        io.actionLog.warning(tricky)
        io.maskSecret('ghp_secret%\nx')
        await io.actionLog.group('set up Go 100%', async () => io.actionLog.info('inside'))
      },
      async () => {
        core.warning(tricky)
        core.setSecret('ghp_secret%\nx')
        await core.group('set up Go 100%', async () => core.info('inside'))
      },
    )
  })

  it('failing the step: the message as setFailed writes it, then the contract code', async () => {
    const s = await same(
      () => io.failStep(tricky, 2),
      () => {
        core.setFailed(tricky)
        process.exitCode = 2
      },
    )
    expect(s.exitCode).toBe(2)
  })
})

describe('inputs, state and the summary are read and written as @actions/core does', () => {
  it.each(['go-version', 'fail on', 'SHELLS', 'cache-dependency-path', 'absent'])(
    'input %j',
    (name) => {
      process.env['INPUT_GO-VERSION'] = '  1.22.1 \n'
      process.env.INPUT_FAIL_ON = ' never'
      process.env.INPUT_SHELLS = 'bash'
      process.env['INPUT_CACHE-DEPENDENCY-PATH'] = 'a/go.sum\nb/go.sum\n'
      expect(io.readInput(name)).toBe(core.getInput(name))
    },
  )

  it('state from the post step environment', () => {
    process.env.STATE_caches = '{"a":1}'
    expect(io.readState('caches')).toBe(core.getState('caches'))
    expect(io.readState('other')).toBe(core.getState('other'))
  })

  it('the summary is appended', async () => {
    await same(
      async () => {
        await io.writeSummary('# one\n')
        await io.writeSummary(tricky)
      },
      async () => {
        await core.summary.addRaw('# one\n').write()
        await core.summary.addRaw(tricky).write()
      },
    )
  })

  it.each([
    ['unset', undefined],
    ['missing', 'missing'],
    ['read-only', 'read-only'],
  ])('a summary file %s is an error, as in the toolkit', async (_n, kind) => {
    const file = path.join(root, 'summary')
    if (kind === 'read-only') {
      writeFileSync(file, '')
      chmodSync(file, 0o444)
    }
    const env: Record<string, string> = kind ? { GITHUB_STEP_SUMMARY: file } : {}
    const asRoot = process.getuid?.() === 0 && kind === 'read-only'
    const ours = await seen('ours', () => io.writeSummary('x'), { files: false, env })
    const theirs = await seen('toolkit', () => core.summary.addRaw('x').write(), {
      files: false,
      env,
    })
    // root may write a read-only file, and both then do
    expect(ours.error).toBe(asRoot ? undefined : 'Error')
    expect(theirs.error).toBe(ours.error)
  })
})
