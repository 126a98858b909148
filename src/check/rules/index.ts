/** Every rule, in report order, and the one place their findings are gathered. */
import { describeError } from '../../base/errors.js'
import { finding, type Finding } from '../../findings/catalog.js'
import { buildSights, type Sights } from '../sight.js'
import type { CheckInput } from '../types.js'
import { gopathAgrees, gorootAgrees, gotoolchainAgrees, goEnvFile } from './agreement.js'
import { declaredSettings, settingsAgree } from './settings.js'
import { shellAvailability } from './availability.js'
import { duplicates, lengths } from './limits.js'
import { modules } from './modules.js'
import { goResolution, gopathBin } from './resolution.js'
import { goFailsInShell, treeWorks, versionNotInstalled } from './toolchain.js'
import {
  blockedProfiles,
  registryGoOrder,
  registryPathValues,
  sessionProblem,
  thisTerminal,
} from './terminal.js'
import type { Rule } from './types.js'
import { wslGopath, wslGoVersion } from './wsl.js'

/** What each rule reads, for the message when it fails on input it cannot handle. */
export const RULES: ReadonlyArray<[Rule, string]> = [
  [shellAvailability, 'the probes'],
  [goResolution, "the shells' PATH"],
  [gopathBin, "the shells' PATH"],
  [duplicates, "the shells' PATH"],
  [gorootAgrees, "each shell's go env"],
  [gopathAgrees, "each shell's go env"],
  [gotoolchainAgrees, "each shell's environment"],
  [settingsAgree, "each shell's go settings"],
  [declaredSettings, 'the declared environment'],
  [versionNotInstalled, 'GOVERSION'],
  [goFailsInShell, "each shell's go env"],
  [treeWorks, 'the exported Go tree'],
  [goEnvFile, 'the go env file'],
  [wslGopath, "WSL's go env"],
  [wslGoVersion, "WSL's Go version"],
  [lengths, "the shells' PATH"],
  [modules, 'go.mod and go.sum'],
  [thisTerminal, 'this terminal'],
  [registryGoOrder, 'the registry PATH'],
  [registryPathValues, 'the registry PATH'],
  [blockedProfiles, 'the PowerShell profiles'],
  [sessionProblem, 'the login session'],
]

const RANK = { error: 0, warning: 1, notice: 2 } as const

/**
 * Every finding, errors first, each rule's order kept. A rule that fails on its input
 * becomes a finding that names what it was reading, never an unhandled error.
 */
export function evaluate(
  c: CheckInput,
  sights: Sights = buildSights(c),
  debug?: (line: string) => void,
): Finding[] {
  return RULES.flatMap(([rule, reads]) => {
    try {
      const found = rule(c, sights)
      debug?.(
        `rule ${rule.name} (${reads}): ${found.length ? found.map((f) => `${f.severity} ${f.id}${f.shells.length ? ` [${f.shells.join(', ')}]` : ''}`).join('; ') : 'nothing found'}`,
      )
      return found
    } catch (err) {
      const file =
        reads === 'go.mod and go.sum'
          ? c.modules?.goMod
          : reads === 'the go env file'
            ? c.goEnvFile?.path
            : undefined
      return [
        finding(
          'check-error',
          [],
          `the check of ${reads}${file ? ` (${file})` : ''} failed: ${describeError(err)}`,
          {
            file,
          },
        ),
      ]
    }
  }).sort((a, b) => RANK[a.severity] - RANK[b.severity])
}
