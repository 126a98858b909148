/**
 * What a run loads (docs/design.md, "The bundle and the processes a run starts"): a run
 * that finds its Go in the tool cache loads no HTTP code at all (not the toolkit's client,
 * not undici, not node:http or node:https), because that was most of every run's start-up.
 * The same probe on the run that downloads Go shows them loaded, so the probe itself works.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { goArchive, indexFor, type GoArchive } from '../../__fixtures__/go-archive.js'
import { actionBundle, runAction, runnerDirs } from '../helpers/action.js'
import { startMirror, type Mirror } from '../helpers/mirror.js'
import { describeWith } from '../helpers/tools.js'

const NETWORKED = ['http', 'https', 'tls', '_http_client']

describeWith(['go'], 'what a run loads, end to end (the action bundle)', () => {
  let archive: GoArchive
  let mirror: Mirror
  const work = mkdtempSync(path.join(os.tmpdir(), 'gpa-start-up-'))
  const preload = path.join(work, 'loaded.cjs')
  // Node's own list of the built-in modules this process loaded, written as it exits
  writeFileSync(
    preload,
    "process.on('exit', () => require('fs').writeFileSync(process.env.GPA_LOADED, " +
      "process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)).join('\\n')))\n",
  )
  beforeAll(async () => {
    archive = goArchive()
    mirror = await startMirror(indexFor(archive), { [archive.filename]: archive.file })
  })
  afterAll(() => mirror.close())

  async function loaded(dirs: ReturnType<typeof runnerDirs>, name: string) {
    const list = path.join(work, name)
    const r = await runAction(
      {
        'go-version': archive.version,
        'go-download-base-url': mirror.baseUrl,
        shells: 'bash',
        cache: 'false',
      },
      dirs,
      {},
      { NODE_OPTIONS: `--require ${preload}`, GPA_LOADED: list },
    )
    expect(r.outputs['exit-code']).toBe('0')
    return { run: r, modules: readFileSync(list, 'utf8').split('\n') }
  }

  it('a cache hit loads no HTTP code; the download before it did', async () => {
    const dirs = runnerDirs()
    const first = await loaded(dirs, 'download')
    expect(first.run.outputs['go-downloaded']).toBe('true')
    expect(first.modules).toEqual(expect.arrayContaining(NETWORKED))
    const hit = await loaded(dirs, 'hit')
    expect(hit.run.outputs['go-downloaded']).toBe('false')
    expect(hit.modules.filter((m) => NETWORKED.includes(m))).toEqual([])
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
