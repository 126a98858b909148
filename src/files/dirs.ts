import { statSync } from 'node:fs'
import { chmod, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { InputError } from '../findings/errors.js'

/**
 * The working folder given by an input or option (`working-directory`,
 * `--working-directory`): it must be a folder, since the shells start there and go.mod is
 * looked for there. The error names the input and the value.
 */
export function workingFolder(given: string, inputName: string, advice = ''): string {
  const dir = path.resolve(given)
  let isDir = false
  try {
    isDir = statSync(dir).isDirectory()
  } catch {
    isDir = false
  }
  if (!isDir) {
    throw new InputError(
      `${inputName}: ${JSON.stringify(given)} is not a folder (resolved to ${dir}${advice})`,
    )
  }
  return dir
}

/**
 * `mkdir -p` that always ends. Node's recursive mkdir retries the parent forever on a file
 * system that answers ENOENT to creating a folder (under /proc, for one), and a path from
 * outside (GOPATH, RUNNER_TEMP) can point anywhere: here the missing levels are found
 * first, then created one by one, and the first failure is thrown.
 */
export async function makeDirs(dir: string): Promise<void> {
  const missing: string[] = []
  let p = path.resolve(dir)
  for (;;) {
    try {
      if ((await stat(p)).isDirectory()) break
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${p}'`), {
        code: 'ENOTDIR',
        path: p,
      })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
    missing.unshift(p)
    const parent = path.dirname(p)
    if (parent === p || missing.length > 256) break
    p = parent
  }
  for (const m of missing) {
    try {
      await mkdir(m)
    } catch (err) {
      // another run made it meanwhile
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
  }
}

/**
 * `rm -rf` of a tree whose folders may be read-only (Go's module cache makes them so):
 * each folder is made writable first, then the whole tree goes.
 */
export async function removeTree(dir: string): Promise<void> {
  const open = async (d: string): Promise<void> => {
    await chmod(d, 0o755).catch(() => undefined)
    const entries = await readdir(d, { withFileTypes: true }).catch(() => [])
    await Promise.all(entries.filter((e) => e.isDirectory()).map((e) => open(path.join(d, e.name))))
  }
  await open(dir)
  await rm(dir, { recursive: true, force: true })
}

/**
 * Why a folder cannot hold this run's files (a file where the folder should be, no right to
 * write, a full disk), or undefined when it can: made if missing, a file written and removed.
 */
export async function folderProblem(dir: string): Promise<string | undefined> {
  try {
    await makeDirs(dir)
    const probe = path.join(dir, `.gpa-probe-${process.pid}-${Date.now()}`)
    await writeFile(probe, '')
    await rm(probe, { force: true })
    return undefined
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    return e.code ? `${e.code}: ${e.message.replace(/^\w+: /, '')}` : e.message
  }
}
