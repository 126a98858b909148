import { describe, expect, it } from '@jest/globals'
import { parseWslConf, windowsPathInWsl } from '../../src/shells/wsl-conf.js'

describe("/etc/wsl.conf (documented behaviour: Microsoft's wsl.conf reference)", () => {
  it.each<[string, string, Partial<ReturnType<typeof parseWslConf>>]>([
    ['empty: the defaults', '', { interop: true, appendWindowsPath: true, automountRoot: '/mnt/' }],
    [
      'appendWindowsPath off',
      '[interop]\nappendWindowsPath = false\n',
      { interop: true, appendWindowsPath: false },
    ],
    ['interop off', '[interop]\nenabled=false\n', { interop: false, appendWindowsPath: true }],
    [
      'names are not case-sensitive; values neither',
      '[Interop]\nAppendWindowsPath = FALSE\n',
      { appendWindowsPath: false },
    ],
    [
      'a comment and CRLF',
      '# mine\r\n[interop]\r\nappendWindowsPath = false # no Windows PATH\r\n',
      { appendWindowsPath: false },
    ],
    [
      'a key of another section does not count',
      '[boot]\nappendWindowsPath = false\n',
      { appendWindowsPath: true },
    ],
    [
      'a value that is no boolean keeps the default',
      '[interop]\nenabled = maybe\n',
      { interop: true },
    ],
    ['the automount root, with its slash', '[automount]\nroot = /\n', { automountRoot: '/' }],
    [
      'the automount root without a trailing slash gets one',
      '[automount]\nroot = "/win"\n',
      { automountRoot: '/win/' },
    ],
  ])('%s', (_, text, want) => {
    expect(parseWslConf(text)).toMatchObject(want)
  })
  it('records the lines that set a value, for the message', () => {
    expect(
      parseWslConf('[interop]\nappendWindowsPath = false\n[automount]\nroot = /\n').set,
    ).toEqual(['[interop] appendWindowsPath = false', '[automount] root = /'])
  })
  it.each([
    [undefined, true],
    [parseWslConf(''), true],
    [parseWslConf('[interop]\nappendWindowsPath=false'), false],
    [parseWslConf('[interop]\nenabled=false'), false],
  ])('is the Windows PATH appended: %#', (conf, appended) => {
    expect(windowsPathInWsl(conf).appended).toBe(appended)
  })
})

describe('the WSLCONF record of the probe', () => {
  it('parsed into the view (the probe prints /etc/wsl.conf inside WSL only, which runs on Windows runners)', async () => {
    const { parsePosix } = await import('../../src/shells/posix.js')
    const M = 'GPA0123456789abcdef'
    const out = [
      `${M}:PATH`,
      '/usr/bin',
      `${M}:WSLCONF`,
      '[interop]',
      'appendWindowsPath = false',
      '',
      `${M}:END`,
      '',
    ].join('\n')
    expect(parsePosix({ stdout: out, stderr: '' }, M).wslConf).toMatchObject({
      appendWindowsPath: false,
    })
    const none = [`${M}:PATH`, '/usr/bin', `${M}:END`, ''].join('\n')
    expect(parsePosix({ stdout: none, stderr: '' }, M).wslConf).toBeUndefined()
  })
})
