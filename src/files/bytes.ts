/** A file's bytes, or null when it cannot be read (none there, a folder, no right to read it). */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs'

export function readBytesOrNull(file: string): Buffer | null {
  try {
    return readFileSync(file)
  } catch {
    return null
  }
}

/** At most `max` bytes from the start of a file, and how many more it held; null as above. */
export function readHeadOrNull(file: string, max: number): { bytes: Buffer; more: number } | null {
  let fd: number | undefined
  try {
    fd = openSync(file, 'r')
    const size = fstatSync(fd).size
    const bytes = Buffer.alloc(Math.min(size, max))
    let got = 0
    while (got < bytes.length) {
      const n = readSync(fd, bytes, got, bytes.length - got, got)
      if (n === 0) break
      got += n
    }
    return { bytes: bytes.subarray(0, got), more: Math.max(0, size - got) }
  } catch {
    return null
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}
