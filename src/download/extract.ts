import { createWriteStream } from 'node:fs'
import { chmod, mkdir } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import type yauzl from 'yauzl'
import { describeEnd, runProcess, tailOf } from '../processes/run.js'

export type ExtractMethod =
  { kind: 'tar'; command: string } | { kind: 'windows-tar'; command: string } | { kind: 'js-unzip' }

/**
 * How to unpack an archive here. `.tar.gz`: the system tar. `.zip` on Windows: Windows'
 * own libarchive `tar.exe` by full path (Git's GNU tar may come first on PATH and cannot
 * read zip), else a streaming JS unzip. Never PowerShell's Expand-Archive, which is the
 * slow path on the hosted runners.
 */
export function chooseExtractMethod(
  archive: string,
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  exists: (p: string) => boolean,
): ExtractMethod {
  if (!archive.endsWith('.zip')) return { kind: 'tar', command: 'tar' }
  if (platform === 'win32') {
    const root = env.SystemRoot ?? env.SYSTEMROOT ?? env.windir ?? 'C:\\Windows'
    const tarExe = path.win32.join(root, 'System32', 'tar.exe')
    if (exists(tarExe)) return { kind: 'windows-tar', command: tarExe }
  }
  return { kind: 'js-unzip' }
}

export function describeMethod(m: ExtractMethod): string {
  return m.kind === 'js-unzip' ? 'streaming unzip (yauzl)' : `${m.command} -x`
}

/** Unpacks `archive` into the existing folder `dest`. */
export async function extract(
  archive: string,
  dest: string,
  method: ExtractMethod,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<void> {
  if (method.kind === 'js-unzip') return unzip(archive, dest)
  const flags = method.kind === 'tar' ? ['-xzf', archive] : ['-xf', archive]
  const r = await runProcess(method.command, [...flags, '-C', dest], { env, timeoutMs })
  if (r.exitCode !== 0) {
    throw new Error(
      `extracting ${archive} with ${method.command} failed (${describeEnd(r)}): ${tailOf(r)}`,
    )
  }
}

/** Entry names that would land outside the destination are refused. */
export function safeEntryPath(dest: string, name: string): string {
  const normalized = name.replace(/\\/g, '/')
  if (
    normalized.startsWith('/') ||
    /^[a-zA-Z]:/.test(normalized) ||
    normalized.split('/').includes('..')
  ) {
    throw new Error(`refusing archive entry outside the destination: ${name}`)
  }
  return path.join(dest, ...normalized.split('/').filter(Boolean))
}

/** yauzl is loaded only for a zip unpacked without tar.exe (a run that downloads nothing never loads it). */
async function unzip(archive: string, dest: string): Promise<void> {
  const { default: zipLib } = await import('yauzl')
  return new Promise((resolve, reject) => {
    zipLib.open(archive, { lazyEntries: true, autoClose: true }, (openErr, zip) => {
      if (openErr || !zip)
        return reject(new Error(`cannot open zip ${archive}: ${openErr?.message}`))
      const fail = (err: Error) => {
        zip.close()
        reject(new Error(`extracting ${archive} failed: ${err.message}`))
      }
      const made = new Set<string>()
      const ensureDir = async (dir: string) => {
        if (made.has(dir)) return
        await mkdir(dir, { recursive: true })
        made.add(dir)
      }
      zip.on('error', fail)
      zip.on('end', () => resolve())
      zip.on('entry', (entry: yauzl.Entry) => {
        let target: string
        try {
          target = safeEntryPath(dest, entry.fileName)
        } catch (err) {
          return fail(err as Error)
        }
        if (entry.fileName.endsWith('/')) {
          ensureDir(target).then(() => zip.readEntry(), fail)
          return
        }
        zip.openReadStream(entry, (streamErr, stream) => {
          if (streamErr || !stream) return fail(streamErr ?? new Error('no stream'))
          const mode = (entry.externalFileAttributes >>> 16) & 0o777
          ensureDir(path.dirname(target))
            .then(() => pipeline(stream, createWriteStream(target)))
            .then(() => (mode && process.platform !== 'win32' ? chmod(target, mode) : undefined))
            .then(() => zip.readEntry(), fail)
        })
      })
      zip.readEntry()
    })
  })
}
