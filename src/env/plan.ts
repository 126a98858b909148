import path from 'node:path'

export interface EnvPlanInput {
  goroot: string
  gopath: string
  /** null: leave GOTOOLCHAIN alone (`inherit`) */
  gotoolchain: string | null
  platform: NodeJS.Platform
}

/** What the action exports for later steps. */
export interface EnvPlan {
  vars: Record<string, string>
  /** PATH entries in their final order: GOROOT/bin first, then GOPATH/bin. */
  path: string[]
  gorootBin: string
  gopathBin: string
}

function native(platform: NodeJS.Platform) {
  return platform === 'win32' ? path.win32 : path.posix
}

/** The default GOPATH Go itself uses: %USERPROFILE%\go on Windows, $HOME/go elsewhere. */
export function defaultGopath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  const home = platform === 'win32' ? env.USERPROFILE : env.HOME
  return home ? native(platform).join(home, 'go') : ''
}

/** Native, normalised exports: `C:\...` on Windows (never `/c/...`), no trailing separator. */
export function planEnv(input: EnvPlanInput): EnvPlan {
  const p = native(input.platform)
  const clean = (v: string) => {
    const n = p.normalize(input.platform === 'win32' ? v.replace(/\//g, '\\') : v)
    return n.length > p.parse(n).root.length ? n.replace(/[\\/]+$/, '') : n
  }
  const goroot = clean(input.goroot)
  const gopath = clean(input.gopath)
  const vars: Record<string, string> = { GOROOT: goroot, GOPATH: gopath }
  if (input.gotoolchain !== null) vars.GOTOOLCHAIN = input.gotoolchain
  const gorootBin = p.join(goroot, 'bin')
  const gopathBin = p.join(gopath, 'bin')
  return { vars, path: [gorootBin, gopathBin], gorootBin, gopathBin }
}
