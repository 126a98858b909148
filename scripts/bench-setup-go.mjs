// This action against setup-go, side by side in one run of the bench, both run as the runner
// runs a node action (their own bundles, on the runner's Node 24 when the node lane is there),
// against the same loopback mirror and the same loopback cache service (Azurite):
//
//   cache hit              Go already in each one's tool cache, cache: false, no request:
//                          this action (shells bash and sh probed) / setup-go  goal: <= 0.55
//   fresh machine, warm caches
//                          an empty tool cache and home folder, the caches of a module set
//                          (300 module versions, 100 built) saved by an earlier run: the main
//                          step (download Go, restore the caches), an offline `go build`, the
//                          post step; this action / setup-go                   goal: <= 0.6
//
// setup-go is not part of this project: `npm run bench -- --setup-go DIR` names a folder
// holding its action.yml and dist/ (its release as published, e.g. a checkout of
// actions/setup-go at v7.0.0); without it these rows are left out and say so.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { azuriteInstalled, startCacheService } from './cache-service.mjs'
import { moduleSet } from './module-set.mjs'

/** The runner's Node from the node lane (scripts/node-lane.mjs), else this one. */
function runnerNode() {
  const cache =
    process.env.GPA_NODE_CACHE || path.join(os.homedir(), '.cache', 'go-path-arbiter', 'node-lane')
  try {
    const lane = JSON.parse(readFileSync(path.join(cache, 'node-lane.json'), 'utf8'))
    if (existsSync(lane.action.node)) return lane.action.node
  } catch {
    // no lane: this Node
  }
  return process.execPath
}

/** A file command's records (`name<<delim` ... `delim`, or `name=value`), as the runner reads them. */
function records(file) {
  const out = {}
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const h = /^([^=<]+)<<(.+)$/.exec(line)
    if (h) {
      const value = []
      for (i++; i < lines.length && lines[i] !== h[2]; i++) value.push(lines[i])
      out[h[1]] = value.join('\n')
    } else if (line.includes('='))
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
  }
  return out
}

/**
 * A runner's folders for one job: tool cache, temp, home, and fresh command files. A fresh
 * machine has the same home folder as the last one, empty (a cache entry's version hashes
 * the folders it holds, as on hosted runners, where HOME is always the same).
 */
function job(work, toolCache, homeName) {
  const temp = mkdtempSync(path.join(work, 'temp-'))
  const home = homeName ? path.join(work, homeName) : mkdtempSync(path.join(work, 'home-'))
  if (homeName) {
    execFileSync('chmod', ['-R', 'u+w', work]) // go leaves the module tree read-only
    rmSync(home, { recursive: true, force: true })
    mkdirSync(home)
  }
  const files = {}
  for (const f of [
    'GITHUB_ENV',
    'GITHUB_PATH',
    'GITHUB_OUTPUT',
    'GITHUB_STATE',
    'GITHUB_STEP_SUMMARY',
  ]) {
    files[f] = path.join(temp, f)
    writeFileSync(files[f], '')
  }
  return { temp, home, toolCache: toolCache ?? mkdtempSync(path.join(work, 'toolcache-')), files }
}

function runNode(node, bundle, env, cwd) {
  return new Promise((resolve) => {
    const t = performance.now()
    let out = ''
    const child = spawn(node, [bundle], { env, cwd })
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('close', (code) => resolve({ ms: performance.now() - t, code, out }))
  })
}

function runCommand(file, args, env, cwd) {
  return new Promise((resolve) => {
    const t = performance.now()
    let out = ''
    const child = spawn(file, args, { env, cwd })
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('close', (code) => resolve({ ms: performance.now() - t, code, out }))
  })
}

/**
 * One step of an action (main or post) with the job's environment: the runner's variables,
 * the inputs, and for a post step the state the main step saved.
 */
function stepEnv(j, o) {
  const state = o.post
    ? Object.fromEntries(
        Object.entries(records(j.files.GITHUB_STATE)).map(([k, v]) => [`STATE_${k}`, v]),
      )
    : {}
  return {
    PATH: o.path,
    HOME: j.home,
    RUNNER_TOOL_CACHE: j.toolCache,
    RUNNER_TEMP: j.temp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    ImageOS: 'ubuntu24',
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_ACTIONS: 'true',
    GITHUB_RUN_ID: o.runId,
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_REF: 'refs/heads/main',
    ...j.files,
    ...o.inputs,
    ...o.cacheEnv,
    ...state,
  }
}

/** The environment a later step gets: the job's, GITHUB_ENV applied, GITHUB_PATH in front. */
function laterStep(j, basePath) {
  const lines = readFileSync(j.files.GITHUB_PATH, 'utf8').split('\n').filter(Boolean)
  return {
    HOME: j.home,
    ...records(j.files.GITHUB_ENV),
    PATH: [...lines.reverse(), basePath].join(':'),
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/**
 * The two rows. `mirror`: the loopback mirror's base URL and the Go version it serves;
 * `ours`: this action's folder (dist/index.js, dist/post/index.js).
 */
export async function againstSetupGo({ setupGo, ours, work, runs, mirror, basePath }) {
  if (!setupGo) return { skipped: 'no --setup-go DIR given' }
  const theirs = {
    main: path.join(setupGo, 'dist', 'setup', 'index.js'),
    post: path.join(setupGo, 'dist', 'cache-save', 'index.js'),
  }
  if (!existsSync(theirs.main)) return { skipped: `${theirs.main} does not exist` }
  const node = runnerNode()
  const actions = {
    ours: {
      main: path.join(ours, 'dist', 'index.js'),
      post: path.join(ours, 'dist', 'post', 'index.js'),
    },
    setupGo: theirs,
  }
  const inputsOf = (who, cache) =>
    who === 'ours'
      ? {
          'INPUT_GO-VERSION': mirror.version,
          'INPUT_GO-DOWNLOAD-BASE-URL': mirror.base,
          INPUT_SHELLS: 'bash, sh',
          'INPUT_FAIL-ON': 'never',
          INPUT_CACHE: String(cache),
        }
      : {
          'INPUT_GO-VERSION': mirror.version,
          'INPUT_GO-DOWNLOAD-BASE-URL': mirror.base,
          'INPUT_CHECK-LATEST': 'false',
          INPUT_CACHE: String(cache),
        }

  // cache hit: each action's tool cache filled by a first run
  const hit = { ours: [], setupGo: [], ratio: [] }
  const caches = {
    ours: mkdtempSync(path.join(work, 'tc-ours-')),
    setupGo: mkdtempSync(path.join(work, 'tc-setup-go-')),
  }
  const once = async (who) => {
    const j = job(work, caches[who])
    writeFileSync(path.join(j.home, 'go.mod'), 'module example.com/bench\n\ngo 1.19\n')
    const env = stepEnv(j, {
      path: basePath,
      workspace: j.home,
      inputs: inputsOf(who, false),
      runId: '1',
    })
    const r = await runNode(node, actions[who].main, env, j.home)
    if (r.code !== 0) throw new Error(`${who} failed on a cache hit:\n${r.out}`)
    return r.ms
  }
  await once('ours')
  await once('setupGo')
  for (let i = 0; i < runs; i++) {
    const a = await once('ours')
    const b = await once('setupGo')
    hit.ours.push(a)
    hit.setupGo.push(b)
    hit.ratio.push(a / b)
  }
  const out = {
    node,
    hit: { ours: median(hit.ours), setupGo: median(hit.setupGo), ratio: median(hit.ratio) },
  }

  if (!azuriteInstalled())
    return {
      ...out,
      warm: { skipped: 'the cache lane is not installed (node scripts/cache-lane.mjs)' },
    }
  const service = await startCacheService()
  try {
    const set = moduleSet(path.join(work, 'warm-set'), 300, 100, 3, 6)
    let run = 10
    /** One job on a fresh machine: main step, go build, post step; the time of the three. */
    const freshJob = async (who, online) => {
      const j = job(work, undefined, `home-${who}`)
      // the job's own module settings, for every step: the proxy only while the modules are
      // downloaded the first time, then none (the build must come from the caches)
      const modules = {
        GOFLAGS: '-mod=mod',
        GOSUMDB: 'off',
        GOTOOLCHAIN: 'local',
        GOPROXY: online ? `file://${set.proxy}` : 'off',
      }
      const o = {
        path: basePath,
        workspace: set.main,
        runId: String(run++),
        cacheEnv: { ...service.env, ...modules },
      }
      const main = await runNode(
        node,
        actions[who].main,
        stepEnv(j, { ...o, inputs: inputsOf(who, true) }),
        set.main,
      )
      if (main.code !== 0) throw new Error(`${who}'s main step failed:\n${main.out}`)
      const buildEnv = { ...laterStep(j, basePath), ...modules }
      const build = await runCommand(
        'go',
        ['build', '-o', path.join(j.temp, 'main.bin'), '.'],
        buildEnv,
        set.main,
      )
      if (build.code !== 0)
        throw new Error(
          `the build after ${who} failed:\n${build.out.slice(-2000)}\n${who}'s main step said:\n${main.out.slice(-6000)}`,
        )
      const post = await runNode(
        node,
        actions[who].post,
        stepEnv(j, { ...o, inputs: inputsOf(who, true), post: true }),
        set.main,
      )
      if (post.code !== 0) throw new Error(`${who}'s post step failed:\n${post.out}`)
      if (process.env.GPA_BENCH_VERBOSE) console.error(`${who} post:\n${post.out}`)
      return { total: main.ms + build.ms + post.ms, main: main.ms, build: build.ms, post: post.ms }
    }
    // the caches each action keeps, filled once by a job that downloads the modules
    await freshJob('ours', true)
    await freshJob('setupGo', true)
    const warm = { ours: [], setupGo: [], ratio: [] }
    for (let i = 0; i < runs; i++) {
      const order = i % 2 ? ['setupGo', 'ours'] : ['ours', 'setupGo']
      const ms = {}
      for (const who of order) ms[who] = await freshJob(who, false)
      warm.ours.push(ms.ours)
      warm.setupGo.push(ms.setupGo)
      warm.ratio.push(ms.ours.total / ms.setupGo.total)
    }
    const med = (xs, k) => median(xs.map((x) => x[k]))
    const parts = (xs) => ({
      total: med(xs, 'total'),
      main: med(xs, 'main'),
      build: med(xs, 'build'),
      post: med(xs, 'post'),
    })
    return {
      ...out,
      warm: { ours: parts(warm.ours), setupGo: parts(warm.setupGo), ratio: median(warm.ratio) },
    }
  } finally {
    await service.close()
  }
}

/** The bench's lines for the two rows. */
export function setupGoLines(r) {
  const ms = (x) => `${Math.round(x)} ms`
  if (r.skipped) return [`against setup-go: not measured (${r.skipped})`]
  const lines = [
    `against setup-go (both on ${r.node}):`,
    `  cache hit (Go in the tool cache, cache: false): this action ${ms(r.hit.ours)} (probing bash and sh), setup-go ${ms(r.hit.setupGo)}`,
    `    this action / setup-go:                                        median ${r.hit.ratio.toFixed(2)}  [goal <= 0.55]`,
  ]
  if (r.warm.skipped) lines.push(`  fresh machine, warm caches: not measured (${r.warm.skipped})`)
  else {
    const w = (x) => `${ms(x.total)} (main ${ms(x.main)}, build ${ms(x.build)}, post ${ms(x.post)})`
    lines.push(
      `  fresh machine, warm caches (300 module versions, 100 built): main step, offline go build, post step`,
      `    this action ${w(r.warm.ours)}`,
      `    setup-go    ${w(r.warm.setupGo)}`,
      `    this action / setup-go:                                        median ${r.warm.ratio.toFixed(2)}  [goal <= 0.6]`,
    )
  }
  return lines
}
