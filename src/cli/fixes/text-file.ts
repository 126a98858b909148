/**
 * A startup file's bytes as text and back, byte for byte (pure): its encoding (UTF-8, with
 * or without a BOM, UTF-16 with its BOM, or bytes that are neither, kept as they are), and
 * its line ends. What is not changed comes back exactly as it was read.
 */

export type Encoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be' | 'bytes'

export interface TextFile {
  text: string
  encoding: Encoding
  /** the line end new lines get: the one the file uses most (LF for an empty file) */
  eol: '\n' | '\r\n'
}

const BOMS: Array<[Encoding, number[]]> = [
  ['utf8-bom', [0xef, 0xbb, 0xbf]],
  ['utf16le', [0xff, 0xfe]],
  ['utf16be', [0xfe, 0xff]],
]

const startsWith = (b: Uint8Array, bom: number[]) => bom.every((x, i) => b[i] === x)

function swap16(b: Uint8Array): Buffer {
  const out = Buffer.from(b)
  out.swap16()
  return out
}

/** The line end a text uses most; `fallback` when it has none. */
export function eolOf(text: string, fallback: '\n' | '\r\n' = '\n'): '\n' | '\r\n' {
  const crlf = text.split('\r\n').length - 1
  const lf = text.split('\n').length - 1 - crlf
  if (crlf === 0 && lf === 0) return fallback
  return crlf > lf ? '\r\n' : '\n'
}

/**
 * Reads a file's bytes. Text that is not UTF-8 and has no BOM (Windows PowerShell 5.1
 * writes the ANSI code page) is `bytes`: each byte one character, so that it is written
 * back unchanged; only ASCII may be added to it (see encodeText).
 */
export function decodeText(bytes: Uint8Array, fallbackEol: '\n' | '\r\n' = '\n'): TextFile {
  for (const [encoding, bom] of BOMS) {
    if (!startsWith(bytes, bom)) continue
    const body = bytes.subarray(bom.length)
    const text =
      encoding === 'utf8-bom'
        ? Buffer.from(body).toString('utf8')
        : encoding === 'utf16le'
          ? Buffer.from(body).toString('utf16le')
          : swap16(body.subarray(0, body.length - (body.length % 2))).toString('utf16le')
    return { text, encoding, eol: eolOf(text, fallbackEol) }
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes)
  const valid = Buffer.from(text, 'utf8').equals(Buffer.from(bytes))
  const kept = valid ? text : Buffer.from(bytes).toString('latin1')
  return { text: kept, encoding: valid ? 'utf8' : 'bytes', eol: eolOf(kept, fallbackEol) }
}

/** Thrown when new text cannot be written in the file's own encoding. */
export class EncodingError extends Error {}

/** The text in the file's encoding, BOM included. */
export function encodeText(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8')
    case 'utf8-bom':
      return Buffer.concat([Buffer.from(BOMS[0][1]), Buffer.from(text, 'utf8')])
    case 'utf16le':
      return Buffer.concat([Buffer.from(BOMS[1][1]), Buffer.from(text, 'utf16le')])
    case 'utf16be':
      return Buffer.concat([Buffer.from(BOMS[2][1]), swap16(Buffer.from(text, 'utf16le'))])
    case 'bytes':
      // eslint-disable-next-line no-control-regex
      if (/[^\u0000-\u00ff]/.test(text)) throw new EncodingError(LEGACY)
      return Buffer.from(text, 'latin1')
  }
}

const LEGACY =
  'the file is neither UTF-8 nor UTF-16 (a legacy code page), and the lines to add hold characters other than ASCII'

/** Why text cannot be added to a file of this encoding, if it cannot: a legacy code page takes ASCII only. */
export function cannotAdd(added: string, encoding: Encoding): string | undefined {
  // eslint-disable-next-line no-control-regex
  return encoding === 'bytes' && /[^\u0000-\u007f]/.test(added) ? LEGACY : undefined
}
