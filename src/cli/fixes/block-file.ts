/**
 * A startup file's bytes with the owned block in place (pure): the file decoded as it is,
 * CRLF made LF for the POSIX shells (which read a CR as part of the line), the block put
 * where placeBlock says, and the bytes encoded back as the file had them. Used for the
 * files of this machine and for a WSL distribution's alike.
 */
import {
  BlockError,
  blockLines,
  dropsGoCommand,
  findBlock,
  lineAfterBlock,
  placeBlock,
  type Family,
  type GoTarget,
} from './blocks.js'
import { cannotAdd, decodeText, encodeText, type TextFile } from './text-file.js'

/** A file that does not exist yet, as it will be written. */
const newFile = (family: Family, platform: NodeJS.Platform): TextFile => ({
  text: '',
  // Windows PowerShell 5.1 reads a file without a BOM in the ANSI code page
  encoding: platform === 'win32' && family === 'pwsh' ? 'utf8-bom' : 'utf8',
  eol: platform === 'win32' && family !== 'posix' ? '\r\n' : '\n',
})

export interface BlockBytes {
  after: Buffer
  /** the 1-based line after the old block that could undo it (the block moves to the end) */
  undoing?: number
  /** the file's CRLF line ends were made LF */
  lf: boolean
}

/**
 * The bytes with the block in place, or why not (a value the shell cannot be given safely,
 * a broken block). `target` is given the old block's text: whether it took away a go alias.
 */
export function withOwnedBlock(
  bytes: Buffer | null,
  family: Family,
  platform: NodeJS.Platform,
  target: (oldBlock: string) => GoTarget,
): BlockBytes | { skip: string } {
  const read = bytes ? decodeText(bytes) : newFile(family, platform)
  const lf = family === 'posix' && read.text.includes('\r\n')
  const text = lf ? { ...read, text: read.text.replace(/\r\n/g, '\n'), eol: '\n' as const } : read
  const existing = findBlock(text.text)
  const had =
    existing && existing !== 'broken'
      ? text.text
          .split('\n')
          .slice(existing.from, existing.to + 1)
          .join('\n')
      : ''
  try {
    const t = target(had)
    const block = blockLines(family, {
      ...t,
      dropGoCommand: t.dropGoCommand || dropsGoCommand(had),
    })
    const why = cannotAdd(block.join('\n'), text.encoding)
    if (why) return { skip: why }
    return {
      after: encodeText(placeBlock(text, block), text.encoding),
      undoing: lineAfterBlock(text.text),
      lf,
    }
  } catch (err) {
    if (err instanceof BlockError) return { skip: err.message }
    throw err
  }
}

/** Why the block goes there, in the plan's words. */
export function blockWhy(b: BlockBytes, shells: readonly string[]): string {
  return `${b.undoing ? `the owned block moved to the end, after line ${b.undoing} that can undo it: ` : ''}an owned block at the end, run after everything else ${shells.join(', ')} read${shells.length === 1 ? 's' : ''} while starting${b.lf ? '; its CRLF line ends made LF' : ''}`
}
