/**
 * `--redact` (pure): the report with the home folder and the user name replaced, for
 * pasting into a bug report. Paths are replaced in every form the report writes them
 * (native, with forward slashes, escaped inside JSON strings).
 */
import { homeOf } from '../base/home.js'

export function redact(text: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  const home = homeOf(env, platform)
  const user = (platform === 'win32' ? env.USERNAME : (env.USER ?? env.LOGNAME)) ?? ''
  let out = text
  if (home.length > 1) {
    const forms = new Set([home, home.replace(/\\/g, '/'), JSON.stringify(home).slice(1, -1)])
    for (const f of [...forms].sort((a, b) => b.length - a.length)) out = out.split(f).join('~')
  }
  if (user.length >= 2) {
    const esc = user.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    out = out.replace(new RegExp(`(?<![A-Za-z0-9_.-])${esc}(?![A-Za-z0-9_-])`, 'g'), '<user>')
  }
  return out
}
