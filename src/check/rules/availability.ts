/** Whether each shell could be probed at all. */
import { clip } from '../../base/errors.js'
import { finding, type Finding } from '../../findings/catalog.js'
import type { Rule } from './types.js'

export const shellAvailability: Rule = (c) =>
  c.probes.flatMap((p): Finding[] => {
    const audience = c.audience
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
