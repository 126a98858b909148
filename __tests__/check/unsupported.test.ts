/** A shell there is no probe for, said as it is for each product and host (no process starts). */
import { expect, it } from '@jest/globals'
import os from 'node:os'
import { probeAll } from '../../src/check/run-check.js'

const base = {
  env: {},
  required: [],
  timeoutMs: 1000,
  tempDir: os.tmpdir(),
  workingDirectory: os.tmpdir(),
}

it.each([
  [
    'the command line on Windows, when no WSL set-up was made (the set-up itself: __tests__/wsl/terminal.test.ts)',
    'win32',
    'terminal',
    'no WSL distribution was looked at',
  ],
  ['the command line on Linux', 'linux', 'terminal', 'WSL steps exist only on Windows'],
  ['the action on Linux', 'linux', 'runner', 'WSL steps exist only on Windows'],
] as const)('wsl: %s', async (_name, platform, mode, said) => {
  const { probes } = await probeAll({
    ...base,
    platform,
    shells: ['wsl'],
    audience: mode,
    launch: { mode },
  })
  expect(probes[0]).toMatchObject({ shell: 'wsl', status: 'missing' })
  expect(probes[0].detail).toContain(said)
})
