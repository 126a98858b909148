/** Whether each shell could be probed at all. */
import { clip } from '../../base/errors.js'
import { finding, type Finding } from '../../findings/catalog.js'
import { isWslLauncher } from '../../shells/adapters.js'
import type { ProbeResult } from '../../shells/types.js'
import type { CheckInput } from '../types.js'
import type { Rule } from './types.js'

/** bash found as Windows' WSL launcher: whatever its probe saw, it saw WSL; the only finding for bash. */
function wslLauncherFinding(c: CheckInput, p: ProbeResult): Finding | undefined {
  if (p.shell !== 'bash' || c.platform !== 'win32' || !p.executable) return undefined
  if (!isWslLauncher(p.executable)) return undefined
  const asked = c.requested !== 'auto' && c.requested.includes('bash')
  const what =
    p.status === 'ok'
      ? 'the probe ran in WSL'
      : `the probe ${p.status}: ${clip(p.detail ?? '', 300)}`
  return finding(
    'bash-is-wsl-launcher',
    [p.shell],
    `bash: the bash found on PATH is ${p.executable}, the WSL launcher, not Git Bash (${what})`,
    { severity: asked ? 'error' : 'warning', audience: c.audience },
  )
}

export const shellAvailability: Rule = (c) =>
  c.probes.flatMap((p): Finding[] => {
    const audience = c.audience
    const launcher = wslLauncherFinding(c, p)
    if (launcher) return [launcher]
    if (p.status === 'missing') {
      const asked = c.requested !== 'auto' || (c.required ?? []).includes(p.shell)
      return [
        finding(
          'shell-missing',
          [p.shell],
          `${p.shell}: ${p.detail ?? 'not available'}${asked ? '' : ' (skipped under shells: auto)'}`,
          {
            severity: asked ? 'error' : 'notice',
            audience,
            params: { shell: p.shell, asked, because: c.missingHints?.[p.shell] },
          },
        ),
      ]
    }
    if (p.status === 'timeout') {
      // only once the probe printed the header of the go env record did go itself hang
      return p.view?.goStarted
        ? [
            finding(
              'go-timeout',
              [p.shell],
              `${p.shell}: \`go env\` did not answer (${p.detail})`,
              { audience },
            ),
          ]
        : [
            finding(
              'shell-timeout',
              [p.shell],
              `${p.shell}: the shell did not finish its probe (${p.detail}); its whole process tree was stopped`,
              { audience },
            ),
          ]
    }
    if (p.status === 'failed') {
      return [finding('shell-failed', [p.shell], `${p.shell}: ${p.detail}`, { audience })]
    }
    if (p.startupErrors) {
      return [
        finding(
          'shell-startup-error',
          [p.shell],
          `${p.shell}: the shell printed an error while starting, before ${audience === 'terminal' ? 'the first prompt' : "the step's own script"}: ${clip(p.startupErrors, 400)}`,
          { audience },
        ),
      ]
    }
    return []
  })
