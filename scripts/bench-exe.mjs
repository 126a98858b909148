// The single executables in release/ (npm run build:exe): each archive's size, and the host's
// executable starting (`--version`) against `node dist/cli/index.js --version`, side by side,
// alternating, in one run. Goals (issue 37): the Windows zip at most 40 MB; start-up no slower
// than the bundle's.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function timed(file, args) {
  const t = performance.now()
  const r = spawnSync(file, args, {
    stdio: 'ignore',
    env: { PATH: process.env.PATH, HOME: os.tmpdir() },
  })
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} exited ${r.status}`)
  return performance.now() - t
}

export function benchExe(root, runs) {
  const release = path.join(root, 'release')
  if (!existsSync(release))
    return ['single executables: not measured (run npm run build:exe first)']
  const lines = ['single executables (release/):']
  const archives = readdirSync(release).filter((f) => /\.(zip|tar\.gz)$/.test(f))
  for (const a of archives) {
    const mb = statSync(path.join(release, a)).size / 1e6
    const goal = /windows-x64\.zip$/.test(a) ? '  [goal <= 40 MB]' : ''
    lines.push(`  ${a}:`.padEnd(66) + `${mb.toFixed(1)} MB${goal}`)
  }
  const host = archives.find((a) => a.includes(`-${process.platform}-${process.arch}.tar.gz`))
  if (!host) return [...lines, `  start-up: no archive for ${process.platform}-${process.arch}`]
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gpa-bench-exe-'))
  spawnSync('tar', ['-xzf', path.join(release, host), '-C', dir])
  const exe = path.join(dir, 'go-path-arbiter')
  const bundle = path.join(root, 'dist', 'cli', 'index.js')
  const rows = { exe: [], bundle: [] }
  timed(exe, ['--version'])
  timed(process.execPath, [bundle, '--version'])
  for (let i = 0; i < runs; i++) {
    rows.exe.push(timed(exe, ['--version']))
    rows.bundle.push(timed(process.execPath, [bundle, '--version']))
  }
  rmSync(dir, { recursive: true, force: true })
  const ratio = median(rows.exe.map((x, i) => x / rows.bundle[i]))
  lines.push(
    `  the executable --version:`.padEnd(66) + `median ${Math.round(median(rows.exe))} ms`,
    `  node dist/cli/index.js --version (node ${process.version}):`.padEnd(66) +
      `median ${Math.round(median(rows.bundle))} ms`,
    `  executable / bundle:`.padEnd(66) + `median ${ratio.toFixed(2)}  [goal <= 1]`,
  )
  return lines
}
