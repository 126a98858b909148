/**
 * Reads what a new terminal's environment is built from (I/O): the login files of Linux and
 * macOS, the user account, and on Windows the registry's Environment keys. The building is
 * env/start.ts.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {
  MACHINE_ENV_KEY,
  USER_ENV_KEY,
  VOLATILE_ENV_KEY,
  parseRegKey,
  regQuery,
  unreadable,
} from '../../registry/reg.js'
import {
  loginEnvironment,
  registryEnvironment,
  type RegistryHive,
  type StartEnvironment,
} from './start.js'

const MAX_BYTES = 1024 * 1024

async function small(file: string): Promise<string | null> {
  try {
    const s = await stat(file)
    if (!s.isFile() || s.size > MAX_BYTES) return null
    return await readFile(file, 'utf8')
  } catch {
    return null
  }
}

function account(): { name: string; home: string; shell: string; uid: number } {
  try {
    const u = os.userInfo()
    return { name: u.username, home: u.homedir, shell: u.shell ?? '', uid: u.uid }
  } catch {
    return { name: '', home: '', shell: '', uid: -1 }
  }
}

/** A new login's environment on Linux and macOS, from the files the system has. */
export async function readLoginEnvironment(
  current: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): Promise<StartEnvironment> {
  const [etcEnvironment, loginDefs, etcPaths] = await Promise.all([
    small('/etc/environment'),
    small('/etc/login.defs'),
    platform === 'darwin' ? small('/etc/paths') : Promise.resolve(null),
  ])
  const pathsD: Array<{ file: string; text: string }> = []
  if (platform === 'darwin') {
    for (const n of (await readdir('/etc/paths.d').catch(() => [] as string[])).sort()) {
      const file = path.posix.join('/etc/paths.d', n)
      const text = await small(file)
      if (text !== null) pathsD.push({ file, text })
    }
  }
  return loginEnvironment({
    platform,
    current,
    user: account(),
    etcEnvironment,
    loginDefs,
    etcPaths,
    pathsD,
  })
}

async function hive(
  env: NodeJS.ProcessEnv,
  label: RegistryHive['label'],
  key: string,
): Promise<{ hive: RegistryHive; subkeys: string[] }> {
  const r = await regQuery(env, key)
  if (!r.ok && !r.missing) throw unreadable(key, undefined, r)
  const parsed = r.ok ? parseRegKey(r.stdout) : { values: [], subkeys: [] }
  return { hive: { label, key, values: parsed.values }, subkeys: parsed.subkeys }
}

/**
 * A new terminal's environment on Windows, from the registry: the machine and user
 * Environment keys, Volatile Environment and its session subkey (the only one listed).
 */
export async function readRegistryEnvironment(
  current: NodeJS.ProcessEnv,
): Promise<StartEnvironment> {
  const [machine, user, volatile] = await Promise.all([
    hive(current, 'machine', MACHINE_ENV_KEY),
    hive(current, 'user', USER_ENV_KEY),
    hive(current, 'volatile', VOLATILE_ENV_KEY),
  ])
  const hives = [machine.hive, user.hive, volatile.hive]
  if (volatile.subkeys.length === 1) {
    const key = volatile.subkeys[0].replace(/^HKEY_CURRENT_USER/i, 'HKCU')
    hives.push((await hive(current, 'volatile', key)).hive)
  }
  return registryEnvironment(hives, current)
}
