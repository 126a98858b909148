/** What only WSL has: a GOPATH that is a Windows folder seen through the drive mount. */
import { isWsl } from '../../base/types.js'
import { DEFAULT_MOUNT_ROOT } from '../../paths/forms.js'
import { finding, type Finding } from '../../findings/catalog.js'
import { goVersionOf } from '../../go/gover.js'
import type { Rule } from './types.js'

/** `GOPATH/p`, `GOPATH/l`, `GOPATH` in a WSLENV value: GOPATH passed into WSL. */
export function wslenvPasses(wslenv: string | undefined, name: string): boolean {
  return (wslenv ?? '').split(':').some((e) => e.split('/')[0].toLowerCase() === name.toLowerCase())
}

/**
 * A GOPATH under the drive mount (`/mnt/c/Users/x/go`): every module and build cache file
 * crosses into Windows' file system, many times slower than the distribution's own. Usually
 * WSLENV passes the Windows GOPATH in with `/p`.
 */
export const wslGopath: Rule = (c) =>
  c.probes.flatMap((p): Finding[] => {
    if (!isWsl(p.shell) || p.status !== 'ok') return []
    const gopath = p.goEnv?.GOPATH ?? p.view?.env.GOPATH
    const root = p.view?.wslConf?.automountRoot ?? c.mountRoot ?? DEFAULT_MOUNT_ROOT
    const rest = gopath?.startsWith(root) ? gopath.slice(root.length) : undefined
    if (!rest || !/^[a-zA-Z](\/|$)/.test(rest)) return []
    const passed = wslenvPasses(c.env.WSLENV, 'GOPATH')
    return [
      finding(
        'wsl-gopath-windows',
        [p.shell],
        `${p.shell}: GOPATH is ${gopath}, a Windows folder through the drive mount${passed ? ' (WSLENV passes GOPATH into WSL)' : ''}: the module and build caches there are slow`,
        { audience: c.audience, params: { passed } },
      ),
    ]
  })

/**
 * A new WSL terminal (the command line on Windows) runs a Linux Go of another version than
 * the reference: a Linux Go is not a Windows Go, so only the version can agree.
 */
export const wslGoVersion: Rule = (c, s) =>
  s.shells.flatMap((sh): Finding[] => {
    if (!isWsl(sh.shell) || c.audience !== 'terminal' || !c.expected.version) return []
    const said = goVersionOf(sh.probe.goEnv?.GOVERSION)
    if (!sh.runs || !said || said === c.expected.version) return []
    return [
      finding(
        'wsl-go-version',
        [sh.shell],
        `${sh.shell}: go is ${sh.runs.path}, Go ${said}, where every shell should run Go ${c.expected.version}`,
        { audience: c.audience, params: { version: c.expected.version } },
      ),
    ]
  })
