// Sets up the cache tests' lane: Azurite, the Azure Storage emulator, installed into the
// lane's own folder (~/.cache/go-path-arbiter/cache-lane, or GPA_CACHE_LANE_DIR), not into
// the project: it is large and only the cache tests need it, so `npm ci` does not pay for
// it. Cached: a second run does nothing.
//
//   node scripts/cache-lane.mjs
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const AZURITE = '3.37.0'
const dir =
  process.env.GPA_CACHE_LANE_DIR ||
  path.join(os.homedir(), '.cache', 'go-path-arbiter', 'cache-lane')
const main = path.join(dir, 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js')

if (existsSync(main)) {
  console.log(`cache lane: Azurite ${AZURITE} in ${dir}`)
} else {
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true }))
  execFileSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--prefix',
      dir,
      `azurite@${AZURITE}`,
    ],
    { stdio: 'inherit' },
  )
  if (!existsSync(main)) throw new Error(`Azurite installed, but ${main} is missing`)
  console.log(`cache lane: Azurite ${AZURITE} installed into ${dir}`)
}
