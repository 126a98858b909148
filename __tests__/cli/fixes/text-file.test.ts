/** A startup file's bytes, read as text and written back: unchanged where nothing changed. */
import { describe, expect, it } from '@jest/globals'
import { cannotAdd, decodeText, encodeText, eolOf } from '../../../src/cli/fixes/text-file.js'

const le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')])
const be = (s: string) => {
  const b = Buffer.from(s, 'utf16le')
  b.swap16()
  return Buffer.concat([Buffer.from([0xfe, 0xff]), b])
}

describe('decodeText, then encodeText, gives the same bytes', () => {
  it.each([
    ['UTF-8 without a BOM', Buffer.from('export A=1\n# é\n'), 'utf8'],
    [
      'UTF-8 with a BOM (what Windows PowerShell 5.1 needs)',
      Buffer.from('\ufeff$env:A = 1\r\n', 'utf8'),
      'utf8-bom',
    ],
    ['UTF-16LE with its BOM (Out-File in 5.1)', le('$env:A = "é"\r\n'), 'utf16le'],
    ['UTF-16BE with its BOM', be('$env:A = 1\r\n'), 'utf16be'],
    [
      'a legacy code page (not UTF-8): kept byte for byte',
      Buffer.from([0x23, 0x20, 0xe9, 0x0a]),
      'bytes',
    ],
    ['an empty file', Buffer.alloc(0), 'utf8'],
  ])('%s', (_name, bytes, encoding) => {
    const f = decodeText(bytes)
    expect(f.encoding).toBe(encoding)
    expect(encodeText(f.text, f.encoding).equals(bytes)).toBe(true)
  })
  it('text added to a UTF-16 file is UTF-16 too', () => {
    const f = decodeText(le('a\r\n'))
    expect(encodeText(`${f.text}b\r\n`, f.encoding).equals(le('a\r\nb\r\n'))).toBe(true)
  })
})

describe('line ends', () => {
  it.each([
    ['LF', 'a\nb\n', '\n'],
    ['CRLF', 'a\r\nb\r\n', '\r\n'],
    ['mostly CRLF', 'a\r\nb\r\nc\n', '\r\n'],
    ['none: the fallback', 'a', '\r\n'],
  ] as const)('%s', (_name, text, want) => {
    expect(eolOf(text, '\r\n')).toBe(want)
  })
})

describe('what may be added to a file', () => {
  it('anything to a Unicode file', () => {
    expect(cannotAdd('é', 'utf8')).toBeUndefined()
    expect(cannotAdd('é', 'utf16le')).toBeUndefined()
  })
  it('only ASCII to a legacy code page: which one it is cannot be told', () => {
    expect(cannotAdd('ascii', 'bytes')).toBeUndefined()
    expect(cannotAdd('C:\\Users\\José', 'bytes')).toMatch(/legacy code page/)
  })
})
