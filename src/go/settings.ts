/**
 * How the go command settles a setting, from Go's own rules (cmd/go/internal/cfg, and the
 * os package's user folders), pure: the process environment (a value that is set and not
 * empty), then the go env file (`go env -w`), then `$GOROOT/go.env`, then Go's default.
 * Used where the value is needed before a go can be asked (the caches restored while Go is
 * still being downloaded) and to say which layer a value came from.
 */
import path from 'node:path'
import type { GoEnvFileValue } from './goenv-file.js'

type Env = Record<string, string | undefined>

/** Where a setting's value came from. */
export type SettingLayer = 'environment' | 'go env file' | 'go.env' | 'default'

export interface Settled {
  value: string
  layer: SettingLayer
}

/** The layers below the environment, as read (absent: no such file). */
export interface SettingFiles {
  goEnvFile?: Record<string, GoEnvFileValue>
  goDotEnv?: Record<string, GoEnvFileValue>
}

/**
 * The go env settings that change what go does, compared between new terminals and probed
 * shells, by what a difference breaks: a build for another machine (`target`), the module
 * downloads and their checks (`modules`), what every build does (`build`); cache folders and
 * telemetry only cost time or privacy (`notice`).
 */
export const SETTING_CLASSES = {
  target: ['GOOS', 'GOARCH', 'GOAMD64', 'GOARM64', 'GOARM', 'GO386'],
  modules: ['GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOSUMDB', 'GOINSECURE', 'GOWORK'],
  build: ['GOFLAGS', 'CGO_ENABLED', 'GOEXPERIMENT', 'GOTOOLCHAIN'],
  notice: ['GOMODCACHE', 'GOCACHE', 'GOENV', 'GOTELEMETRY'],
} as const

export type SettingName = (typeof SETTING_CLASSES)[keyof typeof SETTING_CLASSES][number]
export const SETTINGS: readonly SettingName[] = Object.values(SETTING_CLASSES).flat()

/** The class of a setting. */
export const classOf = (name: string): keyof typeof SETTING_CLASSES | undefined =>
  (Object.keys(SETTING_CLASSES) as Array<keyof typeof SETTING_CLASSES>).find((k) =>
    (SETTING_CLASSES[k] as readonly string[]).includes(name),
  )

/**
 * Every Go variable a probe reads from a shell's environment and a traced start-up follows:
 * where Go itself is, and every setting.
 */
export const GO_VARIABLES: readonly string[] = ['GOROOT', 'GOPATH', 'GOBIN', ...SETTINGS]

/** The comma-separated pattern lists: a value holding every declared pattern agrees. */
export const PATTERN_LISTS: readonly string[] = [
  'GOPRIVATE',
  'GONOPROXY',
  'GONOSUMDB',
  'GOINSECURE',
]

const native = (platform: NodeJS.Platform) => (platform === 'win32' ? path.win32 : path.posix)

/** A variable as the OS reads it: case-insensitive on Windows; empty counts as unset for Go. */
function getenv(env: Env, name: string, platform: NodeJS.Platform): string | undefined {
  const key =
    platform === 'win32'
      ? Object.keys(env)
          .reverse()
          .find((k) => k.toUpperCase() === name)
      : name
  const v = key === undefined ? undefined : env[key]
  return v ? v : undefined
}

/** `os.UserConfigDir`: %AppData%, ~/Library/Application Support, $XDG_CONFIG_HOME or ~/.config. */
export function userConfigDir(env: Env, platform: NodeJS.Platform): string | undefined {
  const p = native(platform)
  if (platform === 'win32') return getenv(env, 'APPDATA', platform)
  const home = getenv(env, 'HOME', platform)
  if (platform === 'darwin') return home && p.join(home, 'Library', 'Application Support')
  const xdg = getenv(env, 'XDG_CONFIG_HOME', platform)
  if (xdg && p.isAbsolute(xdg)) return xdg
  return home && p.join(home, '.config')
}

/** `os.UserCacheDir`: %LocalAppData%, ~/Library/Caches, $XDG_CACHE_HOME or ~/.cache. */
export function userCacheDir(env: Env, platform: NodeJS.Platform): string | undefined {
  const p = native(platform)
  if (platform === 'win32') return getenv(env, 'LOCALAPPDATA', platform)
  const home = getenv(env, 'HOME', platform)
  if (platform === 'darwin') return home && p.join(home, 'Library', 'Caches')
  const xdg = getenv(env, 'XDG_CACHE_HOME', platform)
  if (xdg && p.isAbsolute(xdg)) return xdg
  return home && p.join(home, '.cache')
}

/** The go env file: $GOENV (`off`: none), else `<user config dir>/go/env`. */
export function goEnvFilePath(env: Env, platform: NodeJS.Platform): string | undefined {
  const set = getenv(env, 'GOENV', platform)
  if (set) return set === 'off' ? undefined : set
  const dir = userConfigDir(env, platform)
  return dir && native(platform).join(dir, 'go', 'env')
}

/** One setting through the layers; the default when none sets it (undefined: no default). */
export function settle(
  name: string,
  env: Env,
  files: SettingFiles,
  platform: NodeJS.Platform,
  fallback?: string,
): Settled | undefined {
  const fromEnv = getenv(env, name, platform)
  if (fromEnv !== undefined) return { value: fromEnv, layer: 'environment' }
  const fromFile = files.goEnvFile?.[name]?.value
  if (fromFile) return { value: fromFile, layer: 'go env file' }
  const fromTree = files.goDotEnv?.[name]?.value
  if (fromTree) return { value: fromTree, layer: 'go.env' }
  return fallback === undefined ? undefined : { value: fallback, layer: 'default' }
}

/** What a build's caches and target are, before any go can be asked. */
export interface CacheSettings {
  GOMODCACHE: string
  GOCACHE: string
  GOOS: string
  GOARCH: string
}

/**
 * GOMODCACHE, GOCACHE, GOOS and GOARCH as a Go of `host` would settle them in `env` (the
 * exports applied) with these files: GOMODCACHE defaults to the first GOPATH entry's
 * pkg/mod (GOPATH to ~/go), GOCACHE to the user cache folder's go-build, GOOS and GOARCH
 * to the Go's own platform. Undefined when a folder has no value (no home folder, or
 * GOCACHE=off).
 */
export function cacheSettings(
  env: Env,
  files: SettingFiles,
  platform: NodeJS.Platform,
  host: { goos: string; goarch: string },
): CacheSettings | undefined {
  const p = native(platform)
  const home = getenv(env, platform === 'win32' ? 'USERPROFILE' : 'HOME', platform)
  const gopath = settle('GOPATH', env, files, platform, home && p.join(home, 'go'))?.value
  const first = gopath?.split(p.delimiter)[0]
  const cacheDir = userCacheDir(env, platform)
  const modcache = settle('GOMODCACHE', env, files, platform, first && p.join(first, 'pkg', 'mod'))
  const gocache = settle('GOCACHE', env, files, platform, cacheDir && p.join(cacheDir, 'go-build'))
  if (!modcache || !gocache || gocache.value === 'off') return undefined
  return {
    GOMODCACHE: modcache.value,
    GOCACHE: gocache.value,
    GOOS: settle('GOOS', env, files, platform, host.goos)!.value,
    GOARCH: settle('GOARCH', env, files, platform, host.goarch)!.value,
  }
}
