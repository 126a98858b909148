/**
 * Writing a file so that it is never half-written (I/O): the bytes go to a temporary file
 * beside it, are flushed, and the temporary file is renamed over the old one, keeping its
 * permissions. A crash leaves the old file or the new one, never a mix; a failed write
 * (a full disk) leaves the old one and removes the temporary file.
 */
import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { access, mkdir, open, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'

export async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const dir = path.dirname(file)
  const temp = path.join(dir, `.${path.basename(file)}.gpa-${randomBytes(4).toString('hex')}`)
  const mode = await stat(file).then(
    (s) => s.mode & 0o7777,
    () => undefined,
  )
  const h = await open(temp, 'wx', mode ?? 0o644)
  try {
    try {
      await h.writeFile(bytes)
      if (mode !== undefined) await h.chmod(mode)
      await h.sync()
    } finally {
      await h.close()
    }
    await rename(temp, file)
  } catch (err) {
    // a full disk, or a rename refused: the old file stays, and nothing beside it
    await rm(temp, { force: true })
    throw err
  }
}

/** The folders `file` needs that do not exist, outermost first. */
export async function missingParents(file: string): Promise<string[]> {
  const out: string[] = []
  let dir = path.dirname(file)
  for (;;) {
    const there = await stat(dir).then(
      () => true,
      () => false,
    )
    if (there) break
    out.unshift(dir)
    const up = path.dirname(dir)
    if (up === dir) break
    dir = up
  }
  return out
}

export async function makeParents(file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
}

/** Why this process cannot write the file (or create it), if it cannot. */
export async function notWritable(file: string): Promise<string | undefined> {
  const there = await stat(file).then(
    () => true,
    () => false,
  )
  let probe = there ? file : path.dirname(file)
  if (!there) {
    // the nearest folder that exists decides whether the missing ones can be made
    while (
      !(await stat(probe).then(
        () => true,
        () => false,
      ))
    ) {
      const up = path.dirname(probe)
      if (up === probe) break
      probe = up
    }
  }
  if (!there && !(await stat(probe)).isDirectory()) {
    return `${probe} is not a folder`
  }
  try {
    await access(probe, constants.W_OK)
    if (there) await access(path.dirname(file), constants.W_OK)
    return undefined
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    return `${code === 'EACCES' || code === 'EPERM' ? 'not writable' : code} (${probe})`
  }
}
