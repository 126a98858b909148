/**
 * The hosted Windows runner's faster drive (pure). The image keeps the tool cache on C:,
 * the OS drive, where creating many small files is slow; its second volume (D:, which also
 * holds the workspace and RUNNER_TEMP) is not. Go is then unpacked on D: with a link from
 * where the tool cache expects it, and GOCACHE and GOMODCACHE go to D: as well. The drive is
 * detected, never assumed: windows-2025 ran without it for a month in 2025.
 */
import path from 'node:path'

export interface DriveFacts {
  platform: NodeJS.Platform
  /** the fast-drive input */
  enabled: boolean
  /** RUNNER_ENVIRONMENT: github-hosted or self-hosted */
  runnerEnvironment?: string
  /** AGENT_ISSELFHOSTED, on older runners */
  agentSelfHosted?: string
  toolCache: string
  runnerTemp?: string
  workspace?: string
  /** whether a drive's root exists (`D:\`) */
  exists: (root: string) => boolean
}

export type DrivePlan =
  | { fast: false; why: string }
  | {
      fast: true
      /** the tool cache's root moved to the fast drive (`D:\hostedtoolcache\windows`) */
      toolCache: string
      gocache: string
      gomodcache: string
    }

const driveLetter = (p?: string) => /^([a-zA-Z]):/.exec(p ?? '')?.[1]?.toUpperCase()

export function fastDrive(f: DriveFacts): DrivePlan {
  if (f.platform !== 'win32') return { fast: false, why: 'not Windows' }
  if (!f.enabled) return { fast: false, why: 'fast-drive is false' }
  const hosted =
    f.runnerEnvironment === 'github-hosted' || (!f.runnerEnvironment && f.agentSelfHosted === '0')
  if (!hosted) {
    return {
      fast: false,
      why: f.runnerEnvironment
        ? 'a self-hosted runner: its drives are its own'
        : 'not known to be a hosted runner (no RUNNER_ENVIRONMENT)',
    }
  }
  if (driveLetter(f.toolCache) !== 'C') {
    return { fast: false, why: `the tool cache (${f.toolCache}) is not on C:` }
  }
  if (!f.exists('C:\\') || !f.exists('D:\\'))
    return { fast: false, why: 'the runner has no D: drive' }
  // D: is the runner's work volume when the workspace or RUNNER_TEMP lives there
  if (driveLetter(f.workspace) !== 'D' && driveLetter(f.runnerTemp) !== 'D') {
    return {
      fast: false,
      why: "neither the workspace nor RUNNER_TEMP is on D:, so D: is not the runner's work drive",
    }
  }
  const root = path.win32.join('D:\\', 'go-path-arbiter')
  return {
    fast: true,
    toolCache: `D:${f.toolCache.slice(2)}`,
    gocache: path.win32.join(root, 'go-build'),
    gomodcache: path.win32.join(root, 'pkg', 'mod'),
  }
}
