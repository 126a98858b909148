/** The terminal the CLI was typed into: what it has, to compare with what a new one gets. */
import { GO_VARS } from '../../attribution/origins.js'
import type { ShellName } from '../../base/types.js'
import type { ThisTerminal } from '../../check/types.js'
import { getVar } from '../../processes/env.js'
import { ancestorsOf, listProcesses } from '../../processes/process-tree.js'
import { pathOf, whichAll } from '../../processes/which.js'
import { shellNameOf } from '../../shells/adapters.js'

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

export function thisTerminalFacts(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): ThisTerminal {
  const hits = whichAll('go', env, platform)
  return {
    runs: hits[0],
    hits,
    path: pathOf(env, platform) ?? '',
    env: Object.fromEntries(GO_VARS.map((n) => [n, getVar(env, n, platform) ?? null])),
    shell: parentShell(platform),
    vscode: getVar(env, 'TERM_PROGRAM', platform) === 'vscode',
    windowsTerminal: !!getVar(env, 'WT_SESSION', platform),
  }
}
