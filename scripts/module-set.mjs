// A realistic module set for the cache benchmark, generated (no network): N modules, each a
// few packages of a few files, served from a file:// GOPROXY, and a main module that
// requires them all. `go mod download all` against that proxy fills a module cache the way
// a real download does (cache/download with .info, .mod, .zip, .ziphash, and the extracted
// tree), and writes go.sum.
//
// Like a real dependency graph, only some of the modules are built (`used`); the rest are
// in go.sum and the cache only (test-only and tool dependencies of dependencies).
//
//   node scripts/module-set.mjs <dir> [modules=300] [used=100] [packages=3] [files=6]
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** Writes the set under dir; returns { proxy, main, modcache, gocache, env }. */
export function moduleSet(dir, modules = 300, used = 100, packages = 3, files = 6) {
  const proxy = path.join(dir, 'proxy')
  const src = path.join(dir, 'src')
  const main = path.join(dir, 'main')
  const modcache = path.join(dir, 'modcache')
  const gocache = path.join(dir, 'gocache')
  const imports = []
  const requires = []
  for (let m = 0; m < modules; m++) {
    const mod = `example.com/dep${m}`
    const version = 'v1.0.0'
    const root = path.join(src, `dep${m}`)
    mkdirSync(root, { recursive: true })
    writeFileSync(path.join(root, 'go.mod'), `module ${mod}\n\ngo 1.19\n`)
    for (let p = 0; p < packages; p++) {
      const pkg = path.join(root, `p${p}`)
      mkdirSync(pkg, { recursive: true })
      for (let f = 0; f < files; f++) {
        const body = Array.from(
          { length: 20 },
          (_, i) => `func F${f}_${i}(x int) int { return x*${i + 1} + ${m} }`,
        ).join('\n')
        writeFileSync(path.join(pkg, `f${f}.go`), `package p${p}\n\n${body}\n`)
      }
      if (m < used) imports.push(`${mod}/p${p}`)
    }
    requires.push(`\t${mod} ${version}`)
    // the proxy's files for this version: list, .info, .mod, .zip (module@version/ prefix)
    const at = path.join(proxy, mod, '@v')
    mkdirSync(at, { recursive: true })
    writeFileSync(path.join(at, 'list'), `${version}\n`)
    writeFileSync(
      path.join(at, `${version}.info`),
      JSON.stringify({ Version: version, Time: '2026-01-01T00:00:00Z' }),
    )
    writeFileSync(path.join(at, `${version}.mod`), `module ${mod}\n\ngo 1.19\n`)
    const stage = path.join(dir, 'stage', `${mod}@${version}`)
    mkdirSync(path.dirname(stage), { recursive: true })
    execFileSync('cp', ['-r', root, stage])
    execFileSync('zip', ['-qr', path.join(at, `${version}.zip`), `${mod}@${version}`], {
      cwd: path.join(dir, 'stage'),
    })
  }
  mkdirSync(main, { recursive: true })
  writeFileSync(
    path.join(main, 'go.mod'),
    `module example.com/main\n\ngo 1.19\n\nrequire (\n${requires.join('\n')}\n)\n`,
  )
  writeFileSync(
    path.join(main, 'main.go'),
    `package main\n\nimport (\n${imports.map((i, n) => `\tm${n} "${i}"`).join('\n')}\n)\n\nfunc main() {\n\ts := 0\n${imports.map((_, n) => `\ts += m${n}.F0_0(${n})`).join('\n')}\n\tprintln(s)\n}\n`,
  )
  const env = {
    ...process.env,
    GOPROXY: `file://${proxy}`,
    GOSUMDB: 'off',
    GOFLAGS: '-mod=mod',
    GOMODCACHE: modcache,
    GOCACHE: gocache,
    GOTOOLCHAIN: 'local',
  }
  // every module in the cache, as `go mod download` leaves it; the unused ones stay required
  execFileSync('go', ['mod', 'download', 'all'], { cwd: main, env, stdio: 'ignore' })
  return { proxy, main, modcache, gocache, env }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, modules, used, packages, files] = process.argv.slice(2)
  const n = (v, d) => Number(v ?? d)
  const r = moduleSet(dir, n(modules, 300), n(used, 100), n(packages, 3), n(files, 6))
  console.log(JSON.stringify({ main: r.main, modcache: r.modcache }))
}
