/** The plan's view of this machine (I/O): files as they are, links, and whether this process is privileged. */
import { existsSync, realpathSync } from 'node:fs'
import { readBytesOrNull } from '../../files/bytes.js'
import { regQuery } from '../../registry/reg.js'
import type { PlanContext } from './plan.js'

function realFile(file: string): string {
  try {
    return realpathSync.native(file)
  } catch {
    return file
  }
}

/** Root, or (Windows) an elevated process: only then can the S-1-5-19 hive be read. */
async function privileged(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Promise<boolean> {
  if (platform !== 'win32') return process.getuid?.() === 0
  const r = await regQuery(env, 'HKU\\S-1-5-19')
  return r.ok
}

export async function planContext(
  env: NodeJS.ProcessEnv,
  startEnv: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  system: boolean,
): Promise<PlanContext> {
  return {
    platform,
    // the login environment's HOME, ZDOTDIR, XDG_CONFIG_HOME and ENV name the files
    env: startEnv,
    localAppData: platform === 'win32' ? (env.LOCALAPPDATA ?? startEnv.LOCALAPPDATA) : undefined,
    exists: existsSync,
    read: readBytesOrNull,
    realpath: realFile,
    system,
    privileged: await privileged(env, platform),
  }
}
