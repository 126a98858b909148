import { describe, expect, it } from '@jest/globals'
import { fastDrive, type DriveFacts } from '../../src/action/fast-drive.js'

const hosted: DriveFacts = {
  platform: 'win32',
  enabled: true,
  runnerEnvironment: 'github-hosted',
  toolCache: 'C:\\hostedtoolcache\\windows',
  runnerTemp: 'D:\\a\\_temp',
  workspace: 'D:\\a\\repo\\repo',
  exists: () => true,
}

describe('the faster drive on hosted Windows runners', () => {
  it('windows-latest as it is: Go on D: linked from C:, GOCACHE and GOMODCACHE on D:', () => {
    expect(fastDrive(hosted)).toEqual({
      fast: true,
      toolCache: 'D:\\hostedtoolcache\\windows',
      gocache: 'D:\\go-path-arbiter\\go-build',
      gomodcache: 'D:\\go-path-arbiter\\pkg\\mod',
    })
  })
  it.each<[string, Partial<DriveFacts>, string]>([
    ['Linux', { platform: 'linux' }, 'not Windows'],
    ['fast-drive: false', { enabled: false }, 'fast-drive is false'],
    [
      'a self-hosted runner',
      { runnerEnvironment: 'self-hosted' },
      'a self-hosted runner: its drives are its own',
    ],
    [
      'no RUNNER_ENVIRONMENT and no AGENT_ISSELFHOSTED',
      { runnerEnvironment: undefined },
      'not known to be a hosted runner (no RUNNER_ENVIRONMENT)',
    ],
    [
      'the tool cache elsewhere',
      { toolCache: 'E:\\tools' },
      'the tool cache (E:\\tools) is not on C:',
    ],
    [
      'no D: (windows-2025 for a month in 2025)',
      { exists: (r) => r !== 'D:\\' },
      'the runner has no D: drive',
    ],
    [
      'D: exists but the runner works on C:',
      { runnerTemp: 'C:\\a\\_temp', workspace: 'C:\\a\\r\\r' },
      "neither the workspace nor RUNNER_TEMP is on D:, so D: is not the runner's work drive",
    ],
  ])('%s: stays on C:', (_, change, why) => {
    expect(fastDrive({ ...hosted, ...change })).toEqual({ fast: false, why })
  })
  it('an older runner that says AGENT_ISSELFHOSTED=0 is hosted', () => {
    expect(fastDrive({ ...hosted, runnerEnvironment: undefined, agentSelfHosted: '0' }).fast).toBe(
      true,
    )
  })
})
