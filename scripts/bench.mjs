// Benchmark of the bundled action (dist/index.js, run as the runner runs it) against a
// loopback mirror serving a Go archive built from the machine's Go. Everything is measured
// in one run, and the goals are ratios within it, never absolute times:
//
//   own time (bash, sh)  = cache-hit run - bare `node -e 0`        goal: <= 100 ms
//                          (also shown, from the run's "timings" line: the start-up as
//                          process.uptime() sees it, and the time spent waiting for go env
//                          and for the probes and toolchain checks, which run in parallel)
//   pwsh overhead        = cache-hit run with pwsh probed - its slowest probe (a pwsh start
//                          running the probe script, from the JSON report)   goal: <= 150 ms
//
//   beyond an empty action = cache: false cache-hit run - an empty node action (an ncc
//                          bundle of @actions/core that sets one output, minified as this
//                          action's bundles are), run the same way      goal: <= 50 ms
//                          (also shown: against the same empty action built without
//                          --minify, as ncc builds by default, and against a node action
//                          without the toolkit, which writes its one output itself as this
//                          action does: the floor of any node action)
//   against the bundle before the caches = the cache: false run - the same run of the
//                          committed dist/ of the commit before the caches were added
//                          (7723eae^, from git), in the same loop      goal: <= 0 (must not grow)
//   cache on, a miss       = the same run with cache: true against a cache service that has
//                          nothing (loading @actions/cache and @actions/glob, hashing go.mod
//                          and go.sum, two lookups) - the cache: false run: stated
//   module cache layouts   = restore + build of a generated module set (300 module versions,
//                          100 built), the zips this action caches / the whole GOMODCACHE
//                          setup-go caches                                       goal: <= 1
//
//   against setup-go       the cache-hit run, and a fresh machine with warm caches (set-up,
//                          an offline go build and the post step), this action / setup-go,
//                          side by side (scripts/bench-setup-go.mjs)   goals: <= 0.55, <= 0.6
//
// Usage: npm run build && npm run bench [-- --runs N] [--setup-go DIR] [--only setup-go|exe|cli]
// (the single executables are measured when release/ holds them: npm run build:exe)
//   --setup-go DIR   a folder holding setup-go's action.yml and dist/ as released (v7.0.0)
import { benchCli } from './bench-cli.mjs'
import { benchExe } from './bench-exe.mjs'
import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { measureLayouts } from './bench-modules.mjs'
import { againstSetupGo, setupGoLines } from './bench-setup-go.mjs'

const at = process.argv.indexOf('--runs')
const runs = at > 0 ? Number(process.argv[at + 1]) : 7
const option = (name) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? process.argv[i + 1] : undefined
}
const setupGo = option('--setup-go')
const only = option('--only')
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const bundle = path.join(root, 'dist', 'index.js')
const work = mkdtempSync(path.join(os.tmpdir(), 'gpa-bench-'))

// a full Go tree (bin, pkg/tool, pkg/include, src), as a real archive holds, from the machine's Go
const e = JSON.parse(
  spawnSync('go', ['env', '-json', 'GOROOT', 'GOVERSION', 'GOOS', 'GOARCH'], { encoding: 'utf8' })
    .stdout,
)
const tree = path.join(work, 'tree', 'go')
const toolDir = `${e.GOOS}_${e.GOARCH}`
mkdirSync(path.join(tree, 'bin'), { recursive: true })
mkdirSync(path.join(tree, 'pkg', 'tool', toolDir), { recursive: true })
for (const b of ['go', 'gofmt'])
  copyFileSync(path.join(e.GOROOT, 'bin', b), path.join(tree, 'bin', b))
spawnSync('cp', ['-r', path.join(e.GOROOT, 'pkg', 'tool', toolDir), path.join(tree, 'pkg', 'tool')])
// the assembler's headers: a build of the standard library needs them
spawnSync('cp', ['-rL', path.join(e.GOROOT, 'pkg', 'include'), path.join(tree, 'pkg')])
spawnSync('cp', ['-rL', path.join(e.GOROOT, 'src'), tree])
writeFileSync(path.join(tree, 'VERSION'), `${e.GOVERSION}\n`)
const filename = `${e.GOVERSION}.${e.GOOS}-${e.GOARCH}.tar.gz`
const archive = path.join(work, filename)
spawnSync('tar', ['-czf', archive, '-C', path.join(work, 'tree'), 'go'])
const sha256 = createHash('sha256').update(readFileSync(archive)).digest('hex')
const size = statSync(archive).size
const files = Number(
  spawnSync('sh', ['-c', `find "${tree}" -type f | wc -l`], { encoding: 'utf8' }).stdout.trim(),
)
const index = [
  {
    version: e.GOVERSION,
    stable: true,
    files: [
      { filename, os: e.GOOS, arch: e.GOARCH, version: e.GOVERSION, sha256, size, kind: 'archive' },
    ],
  },
]
const server = http.createServer((req, res) => {
  if (req.url.startsWith('/dl/?')) return res.end(JSON.stringify(index))
  res.writeHead(200, { 'content-length': size })
  createReadStream(archive).pipe(res)
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const base = `http://127.0.0.1:${server.address().port}/dl`

const setupGoRows = () =>
  againstSetupGo({
    setupGo: setupGo && path.resolve(setupGo),
    ours: root,
    work,
    runs,
    mirror: { base, version: e.GOVERSION.replace(/^go/, '') },
    basePath: process.env.PATH,
  })
if (only === 'cli') {
  console.log(benchCli(root, runs, pwshDirOf()).join('\n'))
  server.close()
  rmSync(work, { recursive: true, force: true })
  process.exit(0)
}
if (only === 'exe') {
  console.log(benchExe(root, runs).join('\n'))
  server.close()
  rmSync(work, { recursive: true, force: true })
  process.exit(0)
}
if (only === 'setup-go') {
  console.log(setupGoLines(await setupGoRows()).join('\n'))
  server.close()
  rmSync(work, { recursive: true, force: true })
  process.exit(0)
}

// pwsh: on PATH, or the .NET global tool
function pwshDirOf() {
  const onPath = spawnSync('sh', ['-c', 'command -v pwsh'], { encoding: 'utf8' }).stdout.trim()
  if (onPath) return path.dirname(onPath)
  const tool = path.join(os.homedir(), '.dotnet', 'tools')
  return spawnSync(path.join(tool, 'pwsh'), ['-NoProfile', '-c', '1'], { stdio: 'ignore' })
    .status === 0
    ? tool
    : null
}
const pwshDir = pwshDirOf()

// a cache service with nothing in it: every lookup a miss (the twirp call @actions/cache makes)
const cacheServer = http.createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ ok: false, signedDownloadUrl: '', matchedKey: '' }))
  })
})
await new Promise((r) => cacheServer.listen(0, '127.0.0.1', r))
const cacheService = {
  ACTIONS_CACHE_SERVICE_V2: 'true',
  ACTIONS_RESULTS_URL: `http://127.0.0.1:${cacheServer.address().port}/`,
  ACTIONS_RUNTIME_TOKEN: 'bench',
}

// the empty node action: @actions/core, bundled by ncc as this action is, setting one output
const empty = path.join(work, 'empty')
mkdirSync(empty)
spawnSync('ln', ['-s', path.join(root, 'node_modules'), path.join(empty, 'node_modules')])
writeFileSync(
  path.join(empty, 'index.mjs'),
  "import * as core from '@actions/core'\ncore.setOutput('done', 'true')\n",
)
// built as this action is (scripts/build.mjs: --minify), so the difference is the action's
// own work; and as ncc builds by default, as most actions ship
const ncc = path.join(root, 'node_modules', '.bin', 'ncc')
spawnSync(ncc, ['build', 'index.mjs', '-o', 'dist', '--minify'], { cwd: empty, stdio: 'ignore' })
spawnSync(ncc, ['build', 'index.mjs', '-o', 'plain'], { cwd: empty, stdio: 'ignore' })
const emptyBundle = path.join(empty, 'dist', 'index.mjs')
const plainEmptyBundle = path.join(empty, 'plain', 'index.mjs')
// the floor: a node action that loads nothing and writes its output record itself
const bareBundle = path.join(work, 'bare', 'index.mjs')
mkdirSync(path.dirname(bareBundle))
writeFileSync(
  bareBundle,
  "import { appendFileSync } from 'node:fs'\nimport { EOL } from 'node:os'\n" +
    'appendFileSync(process.env.GITHUB_OUTPUT, `done<<EOF${EOL}true${EOL}EOF${EOL}`)\n',
)

// the action as it was before the caches came (the parent of the commit that added them),
// from git; without the history (a shallow clone) the row is left out and says why
const BEFORE_CACHES = '7723eae^'
const before = (() => {
  const dir = path.join(work, 'before-caches')
  mkdirSync(dir)
  const commit = spawnSync('git', ['-C', root, 'rev-parse', '--short', BEFORE_CACHES], {
    encoding: 'utf8',
  }).stdout.trim()
  if (!commit) return null
  const tar = spawnSync('sh', [
    '-c',
    `git -C "${root}" archive ${commit} dist | tar -x -C "${dir}"`,
  ])
  const file = path.join(dir, 'dist', 'index.js')
  return tar.status === 0 && existsSync(file) ? { commit, bundle: file } : null
})()

function runAction(toolCache, shells, o = {}) {
  const temp = mkdtempSync(path.join(work, 'temp-'))
  const home = mkdtempSync(path.join(work, 'home-'))
  const env = {
    PATH: `${pwshDir ? `${pwshDir}:` : ''}${process.env.PATH}`,
    HOME: home,
    RUNNER_TOOL_CACHE: toolCache,
    RUNNER_TEMP: temp,
    GITHUB_WORKSPACE: home,
  }
  for (const f of ['GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY']) {
    env[f] = path.join(temp, f)
    writeFileSync(env[f], '')
  }
  Object.assign(env, {
    'INPUT_GO-VERSION': e.GOVERSION.replace(/^go/, ''),
    'INPUT_GO-DOWNLOAD-BASE-URL': base,
    INPUT_SHELLS: shells,
    'INPUT_FAIL-ON': 'never',
    INPUT_CACHE: o.cache ? 'true' : 'false',
    ...(o.cache ? { ...cacheService, GITHUB_RUN_ID: '1', GITHUB_RUN_ATTEMPT: '1' } : {}),
  })
  writeFileSync(path.join(home, 'go.mod'), 'module example.com/bench\n\ngo 1.19\n')
  return new Promise((resolve) => {
    const t = performance.now()
    let out = ''
    const child = spawn(process.execPath, [o.bundle ?? bundle], { env, cwd: home })
    child.stdout.on('data', (d) => (out += d))
    child.on('close', () => {
      const ms = performance.now() - t
      const timings = Object.fromEntries(
        (/timings \(ms\): (.*)/.exec(out)?.[1] ?? '').split(', ').map((p) => {
          const i = p.lastIndexOf(' ')
          return [p.slice(0, i), Number(p.slice(i + 1))]
        }),
      )
      const output = Object.fromEntries(
        readFileSync(env.GITHUB_OUTPUT, 'utf8')
          .split(/\n(?=[\w-]+<<)/)
          .map((b) => /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2/.exec(b))
          .filter(Boolean)
          .map((m) => [m[1], m[3]]),
      )
      const report =
        output.report && !o.bundle
          ? JSON.parse(readFileSync(output.report, 'utf8'))
          : { probes: [] }
      resolve({ ms, out, timings, report, output })
    })
  })
}

// with an environment like the action runs' (PATH and HOME only): an inherited one may hold
// NODE_EXTRA_CA_CERTS, which alone made every node start about 50 ms slower on this machine
function nodeStart() {
  const t = performance.now()
  spawnSync(process.execPath, ['-e', '0'], {
    stdio: 'ignore',
    env: { PATH: process.env.PATH, HOME: os.tmpdir() },
  })
  return performance.now() - t
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const r = (x) => Math.round(x)

const cold = []
let method = ''
for (let i = 0; i < runs; i++) {
  const cache = mkdtempSync(path.join(work, 'cache-'))
  const c = await runAction(cache, 'bash')
  cold.push(c.ms)
  method = /Extracted with (.*) in/.exec(c.out)?.[1] ?? method
  rmSync(cache, { recursive: true, force: true })
}

const cache = mkdtempSync(path.join(work, 'cache-'))
await runAction(cache, 'bash')
const rows = {
  node: [],
  hit: [],
  own: [],
  children: [],
  startup: [],
  pwshHit: [],
  slowest: [],
  pwshOver: [],
  empty: [],
  plainEmpty: [],
  bare: [],
  beyondBare: [],
  off: [],
  beyond: [],
  beyondPlain: [],
  on: [],
  onExtra: [],
  before: [],
  againstBefore: [],
}
for (let i = 0; i < runs; i++) {
  const n = nodeStart()
  const h = await runAction(cache, 'bash, sh')
  const children = (h.timings['go env'] ?? 0) + (h.timings['check the shells'] ?? 0)
  rows.node.push(n)
  rows.hit.push(h.ms)
  rows.startup.push(h.timings['start-up'] ?? NaN)
  rows.own.push(h.ms - n)
  rows.children.push(children)
  const emptyRun = await runAction(cache, 'bash', { bundle: emptyBundle })
  const plainEmptyRun = await runAction(cache, 'bash', { bundle: plainEmptyBundle })
  const bareRun = await runAction(cache, 'bash', { bundle: bareBundle })
  const off = await runAction(cache, 'bash, sh')
  if (before) {
    const prior = await runAction(cache, 'bash, sh', { bundle: before.bundle })
    if (prior.output['exit-code'] !== '0')
      throw new Error(`the bundle of ${before.commit} did not run:\n${prior.out}`)
    rows.before.push(prior.ms)
    rows.againstBefore.push(off.ms - prior.ms)
  }
  const on = await runAction(cache, 'bash, sh', { cache: true })
  if (!/restore the caches/.test(on.out))
    throw new Error(`the cache-on run restored nothing:\n${on.out}`)
  if ([emptyRun, plainEmptyRun, bareRun].some((x) => x.output.done !== 'true'))
    throw new Error('an empty action did not run')
  rows.empty.push(emptyRun.ms)
  rows.plainEmpty.push(plainEmptyRun.ms)
  rows.off.push(off.ms)
  rows.beyond.push(off.ms - emptyRun.ms)
  rows.beyondPlain.push(off.ms - plainEmptyRun.ms)
  rows.bare.push(bareRun.ms)
  rows.beyondBare.push(off.ms - bareRun.ms)
  rows.on.push(on.ms)
  rows.onExtra.push(on.ms - off.ms)
  if (pwshDir) {
    const p = await runAction(cache, 'pwsh, bash, sh')
    const slowest = Math.max(...p.report.probes.map((x) => x.durationMs ?? 0))
    rows.pwshHit.push(p.ms)
    rows.slowest.push(slowest)
    rows.pwshOver.push(p.ms - slowest)
  }
}
const versusSetupGo = await setupGoRows()
server.close()
cacheServer.close()
const layouts = measureLayouts(work, runs)
rmSync(work, { recursive: true, force: true })

const bundleKb = Math.round(statSync(bundle).size / 1024)
const lines = [
  `archive: ${filename}, ${(size / 1e6).toFixed(1)} MB, ${files} files; ${runs} runs each; node ${process.version}; ${os.cpus().length} cores; dist/index.js ${bundleKb} KB`,
  `extraction: ${method} (single pass, straight into the tool cache, then a rename)`,
  `cold install (download + verify + extract + export + probe bash): median ${r(median(cold))} ms`,
  `cache hit, shells bash and sh:                                     median ${r(median(rows.hit))} ms`,
  `  bare node -e 0:                                                  median ${r(median(rows.node))} ms`,
  `  own time (run - node -e 0):                                      median ${r(median(rows.own))} ms  [goal <= 100]`,
  `  in the run: node start-up and loading the bundle (uptime):       median ${r(median(rows.startup))} ms`,
  `  in the run: waiting for go env, the probes and the checks:       median ${r(median(rows.children))} ms`,
]
const total = (x) => x.restore + x.build
const mb = (b) => `${(b / 1e6).toFixed(1)} MB`
lines.push(
  `cache: false, shells bash and sh:                                  median ${r(median(rows.off))} ms`,
  `  an empty node action (@actions/core, one output, minified):      median ${r(median(rows.empty))} ms`,
  `  beyond the empty action:                                         median ${r(median(rows.beyond))} ms  [goal <= 50]`,
  `  the same empty action as ncc builds it by default (not minified): median ${r(median(rows.plainEmpty))} ms`,
  `  beyond that one:                                                 median ${r(median(rows.beyondPlain))} ms`,
  `  a node action without the toolkit (its output written by hand):  median ${r(median(rows.bare))} ms`,
  `  beyond that one (the checks themselves, and loading the bundle):  median ${r(median(rows.beyondBare))} ms`,
  before
    ? `  the same run of the bundle before the caches (${before.commit}):`.padEnd(66) +
        `median ${r(median(rows.before))} ms\n` +
        `  this run - that one:                                             median ${r(median(rows.againstBefore))} ms  [goal <= 0: must not grow]`
    : `  the bundle before the caches: not measured (${BEFORE_CACHES} is not in this clone's history)`,
  `cache: true, a miss (hash, two lookups), shells bash and sh:       median ${r(median(rows.on))} ms`,
  `  extra over cache: false:                                         median ${r(median(rows.onExtra))} ms`,
  `module cache, 300 module versions (100 built), restore + build:`,
  `  zips (cache/download, ${layouts.files.zips} files, ${mb(layouts.bytes.zips)}):`.padEnd(66) +
    `median ${r(median(layouts.rows.zips.map(total)))} ms (restore ${r(median(layouts.rows.zips.map((x) => x.restore)))}, build ${r(median(layouts.rows.zips.map((x) => x.build)))})`,
  `  tree (all of GOMODCACHE, ${layouts.files.tree} files, ${mb(layouts.bytes.tree)}):`.padEnd(66) +
    `median ${r(median(layouts.rows.tree.map(total)))} ms (restore ${r(median(layouts.rows.tree.map((x) => x.restore)))}, build ${r(median(layouts.rows.tree.map((x) => x.build)))})`,
  `  zips / tree:                                                     median ${median(layouts.rows.ratio).toFixed(2)}  [goal <= 1]`,
)
if (pwshDir) {
  lines.push(
    `cache hit, shells pwsh, bash and sh:                               median ${r(median(rows.pwshHit))} ms`,
    `  slowest probe (pwsh starting and running the probe script):      median ${r(median(rows.slowest))} ms`,
    `  run - slowest probe:                                             median ${r(median(rows.pwshOver))} ms  [goal <= 150]`,
  )
} else lines.push('pwsh: not installed, the pwsh figures are left out')
lines.push(...setupGoLines(versusSetupGo))
lines.push(...benchCli(root, runs, pwshDir))
lines.push(...benchExe(root, runs))
console.log(lines.join('\n'))
