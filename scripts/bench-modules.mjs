// The module cache's two layouts, measured on a generated module set (scripts/module-set.mjs:
// 300 module versions, 100 of them built): restore plus build, each from an archive made as
// @actions/cache makes one (tar, zstd). "zips" is what this action caches
// (GOMODCACHE/cache/download: go extracts what the build needs from it, offline); "tree" is
// the whole GOMODCACHE as setup-go caches it (the extracted modules and the zips). The build
// cache is warm in both, so the build measures what the layout costs it, not the compiler.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { moduleSet } from './module-set.mjs'

const count = (dir) => {
  let n = 0
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (!e.isDirectory()) n++
  return n
}

export function measureLayouts(work, runs) {
  const set = moduleSet(path.join(work, 'modset'), 300, 100, 3, 6)
  const archives = {
    zips: path.join(work, 'zips.tzst'),
    tree: path.join(work, 'tree.tzst'),
  }
  const tar = (out, dir, what) =>
    execFileSync('tar', [
      '--posix',
      '-cf',
      out,
      '--use-compress-program',
      'zstdmt',
      '-C',
      dir,
      what,
    ])
  tar(archives.zips, set.modcache, path.join('cache', 'download'))
  tar(archives.tree, set.modcache, '.')
  const files = {
    zips: count(path.join(set.modcache, 'cache', 'download')),
    tree: count(set.modcache),
  }
  // one place for the restored cache: the build cache's keys hold the module folders' paths
  const restored = path.join(work, 'restored-modcache')
  const env = { ...set.env, GOMODCACHE: restored, GOPROXY: 'off' }
  const restore = (layout) => {
    // go makes the extracted tree read-only
    execFileSync('chmod', ['-R', 'u+w', work])
    rmSync(restored, { recursive: true, force: true })
    mkdirSync(restored)
    const t = performance.now()
    execFileSync('tar', [
      '-xf',
      archives[layout],
      '-C',
      restored,
      '--use-compress-program',
      'unzstd',
    ])
    return performance.now() - t
  }
  const build = () => {
    const t = performance.now()
    execFileSync('go', ['build', '-o', path.join(work, 'main.bin'), '.'], {
      cwd: set.main,
      env,
      stdio: 'ignore',
    })
    return performance.now() - t
  }
  restore('tree')
  build() // the warm build cache, for this folder
  const rows = { zips: [], tree: [], ratio: [] }
  for (let i = 0; i < runs; i++) {
    const ms = {}
    for (const layout of i % 2 ? ['tree', 'zips'] : ['zips', 'tree']) {
      const r = restore(layout)
      ms[layout] = { restore: r, build: build() }
    }
    rows.zips.push(ms.zips)
    rows.tree.push(ms.tree)
    rows.ratio.push((ms.zips.restore + ms.zips.build) / (ms.tree.restore + ms.tree.build))
  }
  execFileSync('chmod', ['-R', 'u+w', work])
  return {
    rows,
    files,
    bytes: { zips: statSync(archives.zips).size, tree: statSync(archives.tree).size },
  }
}
