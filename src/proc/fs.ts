import { mkdir, stat } from 'node:fs/promises'
import path from 'node:path'

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
