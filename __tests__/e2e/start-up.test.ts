/**
 * What a run does at start (docs/design.md, "The bundle and the processes a run starts"): a
 * run that finds its Go in the tool cache makes no request at all; @actions/core is loaded
 * without being waited for, and what the run says before it has loaded comes out in order
 * once it has; with step debug logging a user sees each decision.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { goArchive, indexFor, type GoArchive } from '../../__fixtures__/go-archive.js'
import { actionBundle, runAction, runnerDirs } from '../helpers/action.js'
import { startMirror, type Mirror } from '../helpers/mirror.js'
import { describeWith } from '../helpers/tools.js'

describeWith(['go'], 'what a run loads, end to end (the action bundle)', () => {
  let archive: GoArchive
  let mirror: Mirror
  beforeAll(async () => {
    archive = goArchive()
    mirror = await startMirror(indexFor(archive), { [archive.filename]: archive.file })
  })
  afterAll(() => mirror.close())

  const run = (dirs: ReturnType<typeof runnerDirs>) =>
    runAction(
      {
        'go-version': archive.version,
        'go-download-base-url': mirror.baseUrl,
        shells: 'bash',
        cache: 'false',
      },
      dirs,
    )

  it('a cache hit makes no request; the download before it did', async () => {
    const dirs = runnerDirs()
    const first = await run(dirs)
    expect(first.outputs['go-downloaded']).toBe('true')
    const asked = mirror.requests.length
    expect(asked).toBeGreaterThan(0)
    const hit = await run(dirs)
    expect(hit.outputs['exit-code']).toBe('0')
    expect(hit.outputs['go-downloaded']).toBe('false')
    expect(mirror.requests.length).toBe(asked)
  })

  it('the lines said before the toolkit loaded come out in order; each decision is a debug line', async () => {
    const r = await run(runnerDirs())
    const lines = r.stdout.split(/\r?\n/)
    const first = (re: RegExp) => lines.findIndex((l) => re.test(l))
    const order = [
      /^::add-matcher::/,
      /^::debug::inputs: \{/,
      /^::debug::Go \d+\.\d+.*; GOROOT /,
      /^::group::go env$/,
      /^::endgroup::$/,
      /^::group::check the shells$/,
      /^::debug::rule shellAvailability \(the probes\): nothing found$/,
      /^::debug::probe bash: \d+ ms, exit 0, runs /,
      /^::endgroup::$/,
    ]
    let at = -1
    for (const re of order) {
      const next = lines.findIndex((l, i) => i > at && re.test(l))
      expect({ re: String(re), after: at, found: next > at }).toEqual({
        re: String(re),
        after: at,
        found: true,
      })
      at = next
    }
    expect(first(/^::add-matcher::/)).toBe(0)
  })

  it('the entry file holds neither undici nor the toolkit client: they are chunks of their own', () => {
    const entry = readFileSync(actionBundle(), 'utf8')
    // (a boolean each, so a failure does not print the whole bundle)
    expect({ undici: entry.includes('undici'), client: /class HttpClient\b/.test(entry) }).toEqual({
      undici: false,
      client: false,
    })
  })
})
