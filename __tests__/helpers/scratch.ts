/**
 * Temporary folders for one test file, removed when the file's tests end (a machine's HOME
 * and Go trees, a runner's folders): a full run makes hundreds, and leaving them would fill
 * the disk of a machine that runs the suite often.
 */
import { afterAll } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const made: string[] = []

afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A new folder under the system's temporary folder, removed after this file's tests. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  made.push(dir)
  return dir
}
