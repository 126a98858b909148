/** The terminal the CLI was typed into: what it has, to compare with what a new one gets. */
import { GO_VARS } from '../../attribution/origins.js'
import type { ShellName } from '../../base/types.js'
import type { ThisTerminal } from '../../check/types.js'
import { getVar } from '../../processes/env.js'
import { ancestorsOf, listProcesses } from '../../processes/process-tree.js'
import { pathOf, whichAll } from '../../processes/which.js'
import { shellNameOf } from '../../shells/adapters.js'
import { splitPath } from '../../paths/split.js'
import { homeOf } from '../../base/home.js'
import { readEditorGos } from './editor.js'

/**
 * The shell this command was typed into: the nearest parent that is a shell, passing over
 * the `sh -c` an npm script runs in.
 */
function parentShell(platform: NodeJS.Platform): ShellName | undefined {
  if (platform === 'win32') return undefined
  const chain = ancestorsOf(process.pid, listProcesses(platform))
  for (const [i, p] of chain.entries()) {
    const name = shellNameOf(p.name)
    if (!name) continue
    const parent = chain[i + 1]?.name ?? ''
    if (name === 'sh' && /^(node|npm|npx|yarn|pnpm)/.test(parent)) continue
    return name
  }
  return undefined
}

export function thisTerminalFacts(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  cwd: string,
): ThisTerminal {
  const hits = whichAll('go', env, platform)
  const vscode = getVar(env, 'TERM_PROGRAM', platform) === 'vscode'
  const vscodeGo = vscode ? readEditorGos(env, platform, homeOf(env, platform), cwd) : []
  return {
    runs: hits[0],
    hits,
    path: pathOf(env, platform) ?? '',
    env: Object.fromEntries(GO_VARS.map((n) => [n, getVar(env, n, platform) ?? null])),
    shell: parentShell(platform),
    vscode,
    ...(vscodeGo.length > 0 ? { vscodeGo } : {}),
    windowsTerminal: !!getVar(env, 'WT_SESSION', platform),
    ...prependOf(getVar(env, 'VSCODE_ENV_PREPEND', platform), platform),
  }
}

/**
 * VSCODE_ENV_PREPEND: `NAME=value` items joined by `:`, a `:` inside a value written
 * `\x3a` (VS Code's shell integration scripts read it so); the PATH item's entries.
 */
export function prependOf(
  value: string | undefined,
  platform: NodeJS.Platform,
): { vscodePrepend?: string[] } {
  if (!value) return {}
  for (const item of value.split(':')) {
    const eq = item.indexOf('=')
    if (eq <= 0 || item.slice(0, eq).toUpperCase() !== 'PATH') continue
    const entries = splitPath(
      item.slice(eq + 1).replace(/\\x3a/g, ':'),
      platform === 'win32' ? 'win32' : 'posix',
    )
    return entries.length > 0 ? { vscodePrepend: entries } : {}
  }
  return {}
}
