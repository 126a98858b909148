/**
 * The thin I/O around WSL: every `wsl.exe` call goes through `runWsl`, with WSL_UTF8=1,
 * a timeout, and output decoded whether WSL answered in UTF-8 or UTF-16LE.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describeError } from '../base/errors.js'
import { goVersionOf } from '../go/gover.js'
import type { Fetcher } from '../download/http.js'
import { downloadVerified } from '../download/install.js'
import type { Arch } from '../go/platform.js'
import { checkArchiveEntry, downloadPath, fileUrl } from '../download/release-index.js'
import { resolveRelease, type GoRelease } from '../go/version.js'
import { getVar, setVar } from '../processes/env.js'
import { runProcess, type RunResult } from '../processes/run.js'
import { whichAll } from '../processes/which.js'
import { distroArgs } from '../shells/wsl.js'
import { loadScript, withMarker } from '../files/assets.js'
import {
  envScript,
  WSL_BASES,
  mountRootFrom,
  parseDistroFacts,
  wslTree,
  type DistroFacts,
  type WslTree,
} from './plan.js'
import { makeDirs } from '../files/dirs.js'
import { DEFAULT_MOUNT_ROOT } from '../paths/forms.js'

/** Runs wsl.exe with arguments (and optional stdin). */
export type WslRunner = (
  args: string[],
  o: { input?: string; timeoutMs: number },
) => Promise<RunResult>

/** wsl.exe: on PATH, else in System32. */
export function wslExecutable(env: NodeJS.ProcessEnv): string | null {
  const hit = whichAll('wsl', env, 'win32')[0]
  if (hit) return hit
  const root = getVar(env, 'SystemRoot', 'win32')
  const fallback = root ? path.win32.join(root, 'System32', 'wsl.exe') : null
  return fallback && existsSync(fallback) ? fallback : null
}

/** The environment of a wsl.exe call: the child's, plus WSL_UTF8=1. */
export function wslCallEnv(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = 'win32',
): NodeJS.ProcessEnv {
  return setVar(env, 'WSL_UTF8', '1', platform)
}

export function createWslRunner(
  executable: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = 'win32',
): WslRunner {
  return (args, o) =>
    runProcess(executable, args, {
      env: wslCallEnv(env, platform),
      timeoutMs: o.timeoutMs,
      input: o.input,
      decode: 'auto',
      platform,
    })
}

function failure(what: string, r: RunResult): string {
  const text = `${r.stderr}\n${r.stdout}`.replace(/\0/g, '').trim().slice(0, 400)
  if (r.timedOut) return `${what} did not answer (${r.error}); WSL can hang on first use`
  return `${what} failed${r.exitCode !== null ? ` (exit ${r.exitCode})` : ''}${r.error ? `: ${r.error}` : ''}${text ? `: ${text}` : ''}`
}

/** Distribution names from `wsl --list --quiet`. */
export function parseDistroList(text: string): string[] {
  return text
    .replace(/\0/g, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
}

export type WslOutcome =
  | {
      ok: true
      /** the distribution asked for ('' = the default one) */
      distro: string
      tree: WslTree
      facts: DistroFacts
      /** where Windows drives are mounted, e.g. /mnt/ */
      mountRoot: string
      reused: boolean
      source: string
    }
  | {
      ok: false
      /** unavailable: no WSL or no distribution; failed: WSL answered but provisioning failed */
      kind: 'unavailable' | 'failed'
      detail: string
    }

export interface WslOptions {
  run: WslRunner
  distro: string
  /** the user later wsl-bash steps run as ('' = the distribution's default user) */
  user: string
  /** semver of the Windows Go: the Linux Go must be the same */
  version: string
  arch: Arch
  /** a Windows folder for the archive and the probe scripts */
  temp: string
  timeoutMs: number
  /** how long unpacking inside the distribution may take */
  installTimeoutMs: number
  releases: () => Promise<GoRelease[]>
  fetcher: Fetcher
  baseUrl: string
  log: (message: string) => void
  /** only look: never download or write (the CLI) */
  lookOnly?: boolean
  /** folders for Go trees inside the distribution, first writable wins */
  bases?: readonly string[]
}

/** How one step ends the provisioning, when it does. */
const unavailable = (detail: string): WslOutcome => ({ ok: false, kind: 'unavailable', detail })
const failed = (detail: string): WslOutcome => ({ ok: false, kind: 'failed', detail })
const isOutcome = <T extends object>(x: T | WslOutcome): x is WslOutcome =>
  'ok' in x && x.ok === false

/** The in-distribution script (scripts/distro.sh, shellchecked) with this run's marker. */
export function distroScript(marker: string): string {
  return withMarker(loadScript(new URL('./scripts/distro.sh', import.meta.url)), marker)
}

async function callScript(
  o: WslOptions,
  mode: 'query' | 'install',
  goarch: string,
  winPath: string,
  envPath = '',
): Promise<{ facts: DistroFacts; r: RunResult }> {
  const marker = `GPA${randomBytes(8).toString('hex')}`
  const args = [mode, o.version, goarch, winPath, envPath, ...(o.bases ?? WSL_BASES)]
  const r = await o.run([...distroArgs(o.distro, o.user), '--exec', 'sh', '-s', '--', ...args], {
    input: distroScript(marker),
    timeoutMs: mode === 'install' ? o.installTimeoutMs : o.timeoutMs,
  })
  return { facts: parseDistroFacts(r.stdout, marker), r }
}

const matches = (present: string | undefined, version: string) => goVersionOf(present) === version

/** The distribution to use, named for messages: the one asked for, or the default one. */
async function chooseDistro(o: WslOptions): Promise<string | WslOutcome> {
  const list = await o.run(['--list', '--quiet'], { timeoutMs: o.timeoutMs })
  if (list.timedOut || list.exitCode !== 0) return unavailable(failure('wsl --list', list))
  const distros = parseDistroList(list.stdout)
  if (distros.length === 0) return unavailable('WSL has no distribution installed')
  if (o.distro && !distros.some((d) => d.toLowerCase() === o.distro.toLowerCase())) {
    return unavailable(
      `wsl-distribution: "${o.distro}" is not installed (installed: ${distros.join(', ')})`,
    )
  }
  return o.distro || `${distros[0]} (default)`
}

/** What the distribution is: its machine (asked again for its own architecture), user, base. */
async function queryDistro(
  o: WslOptions,
  label: string,
): Promise<{ facts: DistroFacts; arch: Arch } | WslOutcome> {
  let { facts, r } = await callScript(o, 'query', o.arch.go, o.temp)
  if (!facts.ended) return failed(failure(`the query in ${label}`, r))
  if (facts.error) return failed(`${label}: ${facts.error}`)
  if (!facts.arch) return failed(`${label}: unknown machine "${facts.uname}"`)
  const arch = facts.arch
  if (arch.go !== o.arch.go) {
    ;({ facts, r } = await callScript(o, 'query', arch.go, o.temp))
    if (!facts.ended) return failed(failure(`the query in ${label}`, r))
  }
  return { facts, arch }
}

/** The Linux archive of the same Go, from the same index, downloaded and verified on Windows. */
async function fetchLinuxGo(
  o: WslOptions,
  arch: Arch,
): Promise<{ archive: string; source: string } | WslOutcome> {
  let releases: GoRelease[]
  try {
    releases = await o.releases()
  } catch (err) {
    return failed(`Linux Go for WSL: ${describeError(err)}`)
  }
  const spec = { kind: 'range' as const, range: o.version, includePrerelease: true, raw: o.version }
  const resolved = resolveRelease(spec, releases, 'linux', arch.go)
  if (!resolved)
    return failed(
      `the release index at ${o.baseUrl} lists no linux/${arch.go} archive of Go ${o.version}`,
    )
  let archive = ''
  try {
    checkArchiveEntry(resolved.release, resolved.file, o.baseUrl)
    archive = downloadPath(o.temp, `${randomUUID()}-${resolved.file.filename}`)
    const source = fileUrl(o.baseUrl, resolved.file.filename)
    await downloadVerified(
      o.fetcher,
      source,
      archive,
      resolved.file.sha256,
      resolved.file.size,
      o.log,
      o.temp,
    )
    return { archive, source }
  } catch (err) {
    if (archive) await rm(archive, { force: true })
    return failed(`Linux Go for WSL: ${describeError(err)}`)
  }
}

/** Unpacks the archive (when there is one) in the distribution and writes the BASH_ENV script there. */
async function installInDistro(
  o: WslOptions,
  label: string,
  arch: Arch,
  tree: WslTree,
  archive: string,
): Promise<DistroFacts | WslOutcome> {
  const envFile = path.join(o.temp, `env-${randomUUID()}.sh`)
  await writeFile(envFile, envScript(tree))
  try {
    const t = performance.now()
    const { facts, r } = await callScript(o, 'install', arch.go, archive, envFile)
    if (!facts.ended) return failed(failure(`unpacking Go in ${label}`, r))
    if (facts.error) return failed(`${label}: ${facts.error}`)
    if (!matches(facts.present, o.version))
      return failed(
        `${label}: ${tree.goroot}/bin/go reports "${facts.present ?? 'nothing'}", not ${o.version}`,
      )
    if (archive) o.log(`Unpacked in ${label} in ${Math.round(performance.now() - t)} ms`)
    return facts
  } finally {
    await rm(envFile, { force: true })
  }
}

/**
 * Makes the Linux build of the same Go available in the distribution: reuses a tree that
 * is already there, else resolves the Linux archive from the same index, downloads and
 * verifies it on Windows, and unpacks it on the distribution's own file system. Then writes
 * the BASH_ENV script there. Never throws for WSL trouble: the outcome says what went wrong.
 */
export async function provisionWsl(o: WslOptions): Promise<WslOutcome> {
  const label = await chooseDistro(o)
  if (typeof label !== 'string') return label
  await makeDirs(o.temp)
  const asked = await queryDistro(o, label)
  if (isOutcome(asked)) return asked
  const { arch } = asked
  const mountRoot = mountRootFrom(o.temp, asked.facts.linuxPath) ?? DEFAULT_MOUNT_ROOT
  const tree = wslTree(asked.facts.base!, o.version, arch, asked.facts.home || '/root')
  const reused = matches(asked.facts.present, o.version)
  if (o.lookOnly)
    return {
      ok: true,
      distro: o.distro,
      tree,
      facts: asked.facts,
      mountRoot,
      reused,
      source: 'present',
    }
  const fetched = reused
    ? { archive: '', source: `${label}:${tree.goroot} (already there)` }
    : await fetchLinuxGo(o, arch)
  if (isOutcome(fetched)) return fetched
  try {
    const facts = await installInDistro(o, label, arch, tree, fetched.archive)
    if (isOutcome(facts)) return facts
    return { ok: true, distro: o.distro, tree, facts, mountRoot, reused, source: fetched.source }
  } finally {
    if (fetched.archive) await rm(fetched.archive, { force: true })
  }
}
