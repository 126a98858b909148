// The one build of the three bundles (the action's main step, its post step, the CLI), used
// by `npm run build` for the committed dist/ and by the tests' global set-up for the bundle
// they run, so both are built the same way. ncc's minify (`-m`: terser without compress,
// function and class names kept, so a stack trace still names them) is on, and the chunks
// ncc splits off for the lazy imports (which its minify leaves as they are) get the same
// terser options here: Node compiles every file it loads whole (docs/design.md, "The
// bundle and the processes a run starts").
//
// Usage: node scripts/build.mjs [out-root]   (default: the repository, i.e. dist/)
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { minify } from 'terser'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')

export const ENTRIES = [
  ['src/index.ts', 'dist'],
  ['src/post.ts', 'dist/post'],
  ['src/bin.ts', 'dist/cli'],
]

/** ncc's own minify options (compress off, names kept), for the chunks it does not minify. */
const TERSER = {
  module: true,
  compress: false,
  mangle: { keep_classnames: true, keep_fnames: true },
}

const chunksOf = (dir) =>
  existsSync(dir) ? readdirSync(dir).filter((n) => /^\d+\.index\.js$/.test(n)) : []

/** The chunks of one output folder (`312.index.js`), minified in place. */
async function minifyChunks(dir) {
  for (const f of chunksOf(dir)) {
    const file = path.join(dir, f)
    const out = await minify(readFileSync(file, 'utf8'), TERSER)
    writeFileSync(file, out.code)
  }
}

export async function buildAll(outRoot = root, o = { quiet: false }) {
  const ncc = path.join(root, 'node_modules', '.bin', 'ncc')
  for (const [entry, out] of ENTRIES) {
    // ncc leaves the chunks of an earlier build in place; one no import names any more
    // must not stay in the committed dist/
    for (const f of chunksOf(path.join(outRoot, out))) rmSync(path.join(outRoot, out, f))
    execFileSync(
      ncc,
      [
        'build',
        path.join(root, entry),
        '-o',
        path.join(outRoot, out),
        '--minify',
        '--license',
        'licenses.txt',
        ...(o.quiet ? ['--quiet'] : []),
      ],
      { cwd: root, stdio: o.quiet ? 'pipe' : 'inherit' },
    )
    await minifyChunks(path.join(outRoot, out))
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await buildAll(process.argv[2] ?? root)
