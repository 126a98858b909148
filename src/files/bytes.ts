/** A file's bytes, or null when it cannot be read (none there, a folder, no right to read it). */
import { readFileSync } from 'node:fs'

export function readBytesOrNull(file: string): Buffer | null {
  try {
    return readFileSync(file)
  } catch {
    return null
  }
}
