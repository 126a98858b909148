// The one build of the three bundles (the action's main step, its post step, the CLI), used
// by `npm run build` for the committed dist/ and by the tests' global set-up for the bundle
// they run, so both are built the same way. ncc's minify (`-m`: terser without compress,
// function and class names kept, so a stack trace still names them) is on: Node compiles a
// third of the source text at start-up (docs/design.md, "The bundle").
//
// Usage: node scripts/build.mjs [out-root]   (default: the repository, i.e. dist/)
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')

export const ENTRIES = [
  ['src/index.ts', 'dist'],
  ['src/post.ts', 'dist/post'],
  ['src/bin.ts', 'dist/cli'],
]

export function buildAll(outRoot = root, o = { quiet: false }) {
  const ncc = path.join(root, 'node_modules', '.bin', 'ncc')
  for (const [entry, out] of ENTRIES) {
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
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) buildAll(process.argv[2] ?? root)
