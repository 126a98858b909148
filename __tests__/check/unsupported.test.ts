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
    'the command line on Windows (WSL terminals are not started yet)',
    'win32',
    'terminal',
    'the command line does not start WSL terminals yet: run go-path-arbiter inside the distribution',
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
