// Benchmark of the bundled action: median wall time of a cold install and of a cache hit
// against a loopback mirror serving a Go archive built from the machine's Go.
// Usage: npm run bench [-- --runs N]
import { spawnSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  createReadStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'

const at = process.argv.indexOf('--runs')
const runs = at > 0 ? Number(process.argv[at + 1]) : 5
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const work = mkdtempSync(path.join(os.tmpdir(), 'gpa-bench-'))

// a full Go tree (bin + pkg/tool), as a real archive would hold, from the machine's Go
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

function runAction(toolCache) {
  const temp = mkdtempSync(path.join(work, 'temp-'))
  const env = {
    PATH: process.env.PATH,
    HOME: work,
    RUNNER_TOOL_CACHE: toolCache,
    RUNNER_TEMP: temp,
  }
  for (const f of ['GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY']) {
    env[f] = path.join(temp, f)
    writeFileSync(env[f], '')
  }
  Object.assign(env, {
    'INPUT_GO-VERSION': e.GOVERSION.replace(/^go/, ''),
    'INPUT_GO-DOWNLOAD-BASE-URL': base,
    INPUT_SHELLS: 'bash',
    'INPUT_FAIL-ON': 'never',
  })
  return new Promise((resolve) => {
    const t = performance.now()
    let out = ''
    const child = spawn(process.execPath, [path.join(root, 'dist', 'index.js')], { env })
    child.stdout.on('data', (d) => (out += d))
    child.on('close', () => resolve({ ms: performance.now() - t, out }))
  })
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const cold = []
const hit = []
let method = ''
for (let i = 0; i < runs; i++) {
  const cache = mkdtempSync(path.join(work, 'cache-'))
  const c = await runAction(cache)
  cold.push(c.ms)
  method = /Extracted with (.*) in/.exec(c.out)?.[1] ?? method
  hit.push((await runAction(cache)).ms)
  rmSync(cache, { recursive: true, force: true })
}
server.close()
rmSync(work, { recursive: true, force: true })
const lines = [
  `archive: ${filename}, ${(size / 1e6).toFixed(1)} MB, ${files} files; ${runs} runs; node ${process.version}; ${os.cpus().length} cores`,
  `extraction: ${method} (single pass, straight into the tool cache, then a rename)`,
  `cold install (download + verify + extract + export + probe bash): median ${Math.round(median(cold))} ms`,
  `cache hit (no HTTP request, export + probe bash):                  median ${Math.round(median(hit))} ms`,
]
console.log(lines.join('\n'))
