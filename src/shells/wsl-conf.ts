/**
 * /etc/wsl.conf as WSL reads it (pure): `[interop] enabled` and `appendWindowsPath`, and
 * `[automount] root`. An absent key has WSL's default (true, true, `/mnt/`). Comments start
 * with `#`; section and key names are not case-sensitive; a value that is not true or false
 * keeps the default.
 */
import { DEFAULT_MOUNT_ROOT } from '../paths/forms.js'

export interface WslConf {
  interop: boolean
  appendWindowsPath: boolean
  automountRoot: string
  /** the file's lines that set them, for the message: `[interop] appendWindowsPath = false` */
  set: string[]
}

export function parseWslConf(text: string): WslConf {
  const out: WslConf = {
    interop: true,
    appendWindowsPath: true,
    automountRoot: DEFAULT_MOUNT_ROOT,
    set: [],
  }
  let section = ''
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim()
    const head = /^\[([^\]]+)\]$/.exec(line)
    if (head) {
      section = head[1].trim().toLowerCase()
      continue
    }
    const kv = /^([^=]+)=(.*)$/.exec(line)
    if (!kv) continue
    const key = kv[1].trim().toLowerCase()
    const value = kv[2].trim().replace(/^"(.*)"$/, '$1')
    const bool = /^true$/i.test(value) ? true : /^false$/i.test(value) ? false : undefined
    const shown = `[${section}] ${kv[1].trim()} = ${value}`
    if (section === 'interop' && key === 'enabled' && bool !== undefined) {
      out.interop = bool
      out.set.push(shown)
    } else if (section === 'interop' && key === 'appendwindowspath' && bool !== undefined) {
      out.appendWindowsPath = bool
      out.set.push(shown)
    } else if (section === 'automount' && key === 'root' && value) {
      out.automountRoot = value.endsWith('/') ? value : `${value}/`
      out.set.push(shown)
    }
  }
  return out
}

/** Why Windows' PATH is or is not in WSL's, in words. */
export function windowsPathInWsl(c: WslConf | undefined): { appended: boolean; why: string } {
  if (!c) {
    return {
      appended: true,
      why: "no readable /etc/wsl.conf, so WSL's default: the Windows PATH is appended",
    }
  }
  if (!c.interop)
    return { appended: false, why: '/etc/wsl.conf turns interop off ([interop] enabled = false)' }
  if (!c.appendWindowsPath) {
    return { appended: false, why: '/etc/wsl.conf has [interop] appendWindowsPath = false' }
  }
  return { appended: true, why: '/etc/wsl.conf leaves [interop] appendWindowsPath on' }
}
