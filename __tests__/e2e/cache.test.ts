/**
 * The module and build caches, end to end: the action bundle and its post step run as the
 * runner runs them (state handed from main to post through GITHUB_STATE), @actions/cache
 * talking to a loopback cache service whose blobs Azurite keeps, and real go builds in
 * between, of a module whose dependencies come from a file:// proxy. Then the failures:
 * each one a warning or a note, never a failed job.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  appendFileSync,
  cpSync,
  existsSync,
  readFileSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { goArchive, indexFor, machineGo, type GoArchive } from '../../__fixtures__/go-archive.js'
import {
  bashStep,
  repoRoot,
  runAction,
  runnerDirs,
  runPostStep,
  type RunnerDirs,
} from '../helpers/action.js'
import { azuriteInstalled, startCacheService, type CacheService } from '../helpers/cache-service.js'
import { startMirror, type Mirror } from '../helpers/mirror.js'
import { missing, INSTALL } from '../helpers/tools.js'

jest.setTimeout(180_000)

/** The suite, or a skip that names what it needs (the reporter lists it). */
function cacheDescribe(name: string, fn: () => void) {
  const lacking = [...missing(['go', 'zip']).map((t) => `${t} (${INSTALL[t]})`)]
  if (!azuriteInstalled()) lacking.push('the cache lane (node scripts/cache-lane.mjs)')
  if (lacking.length === 0) return describe(name, fn)
  if (process.env.GPA_REQUIRE_TOOLS === '1' || process.env.GPA_CACHE_LANE === 'required')
    throw new Error(`${name}: needs ${lacking.join(', ')}`)
  describe.skip(`${name} [skipped: needs ${lacking.join(', ')}]`, fn)
}

interface Project {
  proxy: string
  dir: string
}

/** A module with 6 dependencies (4 of them built) served by a file:// proxy. */
function project(): Project {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gpa-modset-'))
  execFileSync(
    process.execPath,
    [path.join(repoRoot, 'scripts', 'module-set.mjs'), dir, '6', '4', '2', '2'],
    {
      stdio: 'ignore',
    },
  )
  return { proxy: path.join(dir, 'proxy'), dir: path.join(dir, 'main') }
}

cacheDescribe(
  'the module and build caches (the bundle and its post step, Azurite behind a loopback cache service)',
  () => {
    let archive: GoArchive
    let mirror: Mirror
    let service: CacheService
    let mod: Project
    let run = 100
    // every job runs on "a fresh runner" at the same place, as hosted runners do: the cache
    // service matches an entry by its paths too, so a restore needs the paths it was saved from
    const runnerRoot = mkdtempSync(path.join(os.tmpdir(), 'gpa-cache-runner-'))
    const freshRunner = () => {
      rmSync(runnerRoot, { recursive: true, force: true })
      return runnerDirs(runnerRoot)
    }

    beforeAll(async () => {
      archive = goArchive()
      mirror = await startMirror(indexFor(archive), { [archive.filename]: archive.file })
      service = await startCacheService()
      mod = project()
    })
    afterAll(async () => {
      await mirror.close()
      await service.close()
    })

    const inputs = (over: Record<string, string> = {}) => ({
      'go-version': archive.version,
      'go-download-base-url': mirror.baseUrl,
      shells: 'bash',
      'check-modules': 'false',
      ...over,
    })

    /** A fresh runner with the project in its workspace: main, a build step, then post. */
    async function job(
      o: {
        inputs?: Record<string, string>
        env?: NodeJS.ProcessEnv
        build?: 'online' | 'offline' | 'none'
        dirs?: RunnerDirs
        beforePost?: (dirs: RunnerDirs) => void
      } = {},
    ) {
      const dirs = o.dirs ?? freshRunner()
      if (!o.dirs) cpSync(mod.dir, dirs.workspace, { recursive: true })
      const state = path.join(dirs.temp, `state-${run}`)
      writeFileSync(state, '')
      const env = {
        ...service.env,
        GITHUB_RUN_ID: String(run++),
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_REF: 'refs/heads/main',
        ...o.env,
      }
      const main = await runAction(inputs(o.inputs), dirs, env, { GITHUB_STATE: state })
      let built: ReturnType<typeof bashStep> | undefined
      if ((o.build ?? 'online') !== 'none') {
        const proxy = o.build === 'offline' ? 'off' : `file://${mod.proxy}`
        // the fixture Go the action set up has no standard library: the build takes the
        // machine's Go of the same version, with the caches the action's exports name
        const sdk = machineGo().goroot
        built = bashStep(
          `GOROOT='${sdk}' GOPROXY=${proxy} GOSUMDB=off '${sdk}/bin/go' build -o /dev/null . && echo built`,
          main.stepEnv,
          dirs.workspace,
        )
      }
      o.beforePost?.(dirs)
      const post = await runPostStep(inputs(o.inputs), dirs, state, { ...env, ...o.env })
      if (process.env.GPA_DEBUG_CACHE)
        console.log(
          main.stdout,
          main.summary,
          readFileSync(state, 'utf8'),
          post.stdout,
          post.stderr,
        )
      return { dirs, main, built, post }
    }

    const keys = () => service.entries.filter((e) => e.done).map((e) => e.key)

    it('a first job restores nothing, builds, and its post step saves both caches', async () => {
      const j = await job()
      expect(j.main.code).toBe(0)
      expect(j.main.outputs['cache-hit']).toBe('false')
      expect({ out: j.built!.stdout, err: j.built!.stderr }).toEqual({
        out: 'built\n',
        err: expect.stringContaining('go: downloading example.com/dep0 v1.0.0'),
      })
      expect(j.post.code).toBe(0)
      expect(j.post.stdout).toMatch(
        /go-path-arbiter: modules: saved as go-path-arbiter-v1-modules-Linux-x64-linux-amd64-go/,
      )
      expect(j.post.stdout).toMatch(
        /go-path-arbiter: build: saved as go-path-arbiter-v1-build-Linux-x64-linux-amd64-go/,
      )
      expect(j.post.summary).toContain('caches saved')
      expect(keys()).toHaveLength(2)
    })

    it('a second job on a fresh runner: cache-hit, an offline build, and nothing saved again', async () => {
      const j = await job({ build: 'offline' })
      expect(j.main.outputs['cache-hit']).toBe('true')
      expect(j.main.summary).toMatch(/modules.*hit/)
      expect({ code: j.built!.code, out: j.built!.stdout }).toEqual({ code: 0, out: 'built\n' })
      expect(j.post.stdout).toContain('modules: not saved: nothing was added since it was restored')
      expect(j.post.stdout).toContain('build: not saved: nothing was added since it was restored')
      expect(keys()).toHaveLength(2)
    })

    it('a go.sum change restores through the restore key (cache-hit false) and saves under the new key', async () => {
      const dirs = freshRunner()
      cpSync(mod.dir, dirs.workspace, { recursive: true })
      appendFileSync(
        path.join(dirs.workspace, 'go.sum'),
        'example.com/unused v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n',
      )
      const j = await job({ dirs, build: 'offline' })
      expect(j.main.outputs['cache-hit']).toBe('false')
      expect(j.main.stdout).toMatch(/Cache hit for restore-key: go-path-arbiter-v1-modules-/)
      expect(j.built!.code).toBe(0)
      expect(j.post.stdout).toMatch(/modules: saved as /)
      // a second modules entry, under the new key; the build cache is saved again only when
      // the build added to it (the main package's build info holds the changed go.sum)
      expect(keys().filter((k) => k.includes('-modules-'))).toHaveLength(2)
      expect(j.post.stdout).toMatch(
        /build: (saved as |not saved: nothing was added since it was restored)/,
      )
    })

    it('another target (GOOS=windows) has keys of its own: nothing of linux/amd64 is restored', async () => {
      const before = service.calls.length
      const j = await job({ env: { GOOS: 'windows', GOARCH: 'amd64' }, build: 'none' })
      const asked = service.calls
        .slice(before)
        .filter((c) => c.method === 'GetCacheEntryDownloadURL')
      expect(asked.map((c) => c.body.key)).toEqual(
        expect.arrayContaining([expect.stringMatching(/-windows-amd64-go/)]),
      )
      expect(j.main.outputs['cache-hit']).toBe('false')
      expect(j.main.stdout).not.toMatch(/Cache hit for/)
    })

    it('cache: false asks the service nothing; cache-save: never and default-branch restore only', async () => {
      const before = service.calls.length
      const off = await job({ inputs: { cache: 'false' }, build: 'none' })
      expect(service.calls.length).toBe(before)
      expect(off.main.outputs['cache-hit']).toBe('false')
      const never = await job({ inputs: { 'cache-save': 'never' }, build: 'none' })
      expect(never.post.stdout).toContain('not saved: cache-save is never')
      const event = path.join(mkdtempSync(path.join(os.tmpdir(), 'gpa-event-')), 'event.json')
      writeFileSync(event, JSON.stringify({ repository: { default_branch: 'main' } }))
      const pr = await job({
        inputs: { 'cache-save': 'default-branch' },
        env: { GITHUB_REF: 'refs/pull/7/merge', GITHUB_EVENT_PATH: event },
        build: 'none',
      })
      expect(pr.post.stdout).toContain(
        'this run is on refs/pull/7/merge, not main (cache-save: default-branch)',
      )
    })

    it('a post step whose cache folder is gone says so, and saves nothing', async () => {
      const j = await job({
        build: 'none',
        inputs: { 'cache-dependency-path': 'go.mod' },
        beforePost: (dirs) =>
          rmSync(path.join(dirs.home, '.cache'), { recursive: true, force: true }),
      })
      expect(j.post.code).toBe(0)
      expect(j.post.stdout).toMatch(/build: not saved: nothing to save: .* does not exist/)
    })

    describe('every failure is a warning or a note, never a failed job', () => {
      afterAll(() => {
        service.fault = 'none'
      })

      it('the service refuses everything (403, as for a fork pull request)', async () => {
        service.fault = 'forbidden'
        const j = await job({ build: 'none' })
        expect(j.main.code).toBe(0)
        expect(j.main.stdout).toMatch(/::warning::Failed to restore/)
        expect(j.post.code).toBe(0)
      })

      it('saves are denied (a read-only token)', async () => {
        service.fault = 'write-denied'
        const j = await job({ inputs: { 'cache-dependency-path': 'main.go' } })
        expect(j.main.code).toBe(0)
        expect(j.post.code).toBe(0)
        // @actions/cache says why as a note (a key it cannot reserve: another job may be
        // saving it, or this run may only read); the post step points to that line
        expect(j.post.stdout).toMatch(
          /^Failed to save: Unable to reserve cache with key go-path-arbiter-v1-modules-/m,
        )
        expect(j.post.stdout).toContain(
          'modules: not saved: the cache service did not take it (the line above says why)',
        )
        expect(j.post.stdout).not.toMatch(/::(warning|error)::/)
      })

      it('an archive cut off part-way: nothing half-extracted is left in either cache folder', async () => {
        service.fault = 'none'
        await job() // an entry to cut off, whether the tests before ran or not
        service.fault = 'corrupt'
        const j = await job({ build: 'none' })
        expect(j.main.code).toBe(0)
        expect(j.main.stdout).toMatch(/::warning::Failed to restore/)
        const download = path.join(j.dirs.home, 'go', 'pkg', 'mod', 'cache', 'download')
        const build = path.join(j.dirs.home, '.cache', 'go-build')
        const left = (d: string) => (existsSync(d) ? readdirSync(d, { recursive: true }) : [])
        expect({ modules: left(download), build: left(build) }).toEqual({ modules: [], build: [] })
        expect(j.main.summary).toContain(
          'the archive could not be extracted whole: what it left was removed',
        )
        expect(j.main.outputs['cache-hit']).toBe('false')
      })

      it('the service is not there at all', async () => {
        service.fault = 'none'
        const j = await job({ env: { ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/' }, build: 'none' })
        expect(j.main.code).toBe(0)
        expect(j.main.outputs['cache-hit']).toBe('false')
        expect(j.post.code).toBe(0)
      })

      it('a cache-dependency-path that matches nothing is a warning, and the caches still work', async () => {
        const j = await job({
          inputs: { 'cache-dependency-path': 'no/such/go.sum' },
          build: 'none',
        })
        expect(j.main.code).toBe(0)
        expect(j.main.stdout).toMatch(
          /::warning.*cache-dependency-path: "no\/such\/go.sum" matches no file/,
        )
      })
    })
  },
)
