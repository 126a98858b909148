/**
 * The environment handed to a shell started before it was known (pure): the lines that turn
 * the start environment into the new terminal's, and each reason no hand-over can do it.
 * pwsh reads them for real in __tests__/pwsh/pwsh.test.ts.
 */
import { describe, expect, it } from '@jest/globals'
import { handoff } from '../../src/shells/env-handoff.js'

const b64 = (s: string) => Buffer.from(s).toString('base64')

describe('handoff', () => {
  it('what is set or changed (base64, any bytes), what goes, and the PATH it started with', () => {
    const h = handoff(
      { PATH: '/usr/bin', HOME: '/home/me', SHLVL: '1', KEEP: 'same' },
      { PATH: '/opt/go/bin:/usr/bin', HOME: '/home/me', KEEP: 'same', GOFLAGS: 'a\nb "c"' },
    )
    expect(h).toEqual({
      text: [
        `+PATH=${b64('/opt/go/bin:/usr/bin')}`,
        `+GOFLAGS=${b64('a\nb "c"')}`,
        '-SHLVL=',
        `~PATH=${b64('/usr/bin')}`,
        '',
      ].join('\n'),
    })
  })

  it('nothing changed: only the PATH it started with', () => {
    expect(handoff({ PATH: '/bin' }, { PATH: '/bin' })).toEqual({
      text: `~PATH=${b64('/bin')}\n`,
    })
  })

  it.each([
    ['HOME', { HOME: '/a' }, { HOME: '/b' }, 'HOME differs'],
    ['XDG_CONFIG_HOME', {}, { XDG_CONFIG_HOME: '/c' }, 'XDG_CONFIG_HOME differs'],
    ['PSModulePath', { PSModulePath: '/m' }, {}, 'PSModulePath is not set'],
    ['DOTNET_ROOT', {}, { DOTNET_ROOT: '/d' }, 'DOTNET_ROOT differs'],
    ['POWERSHELL_TELEMETRY_OPTOUT', {}, { POWERSHELL_TELEMETRY_OPTOUT: '1' }, 'differs'],
    ['LANG', { LANG: 'C' }, { LANG: 'de_DE.UTF-8' }, 'LANG differs'],
    ['LC_ALL', {}, { LC_ALL: 'C' }, 'LC_ALL differs'],
    ['TERM', { TERM: 'xterm' }, { TERM: 'dumb' }, 'TERM differs'],
    ['SHELL', { SHELL: '/bin/sh' }, { SHELL: '/bin/zsh' }, 'SHELL differs'],
    ['TMPDIR', {}, { TMPDIR: '/t' }, 'TMPDIR differs'],
    ['a name with a newline', {}, { 'A\nB': '1' }, 'differs'],
    ['a name with =', {}, { 'A=B': '1' }, 'differs'],
  ])('refused: %s (read as the shell starts)', (_n, from, to, why) => {
    const h = handoff(from, to)
    expect('refused' in h && h.refused).toContain(why)
  })
})
