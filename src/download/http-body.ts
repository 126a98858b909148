/**
 * Reading a response body (I/O): capped as it streams (a server that announces nothing, or
 * less than it sends, is stopped at the cap), into text, or into a file with its sha256
 * computed while the bytes arrive.
 */
import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { Transform, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { HttpError } from './http-retry.js'

/** Counts the body and stops it past `max` bytes (0: no cap). */
export function capped(url: string, max: number, what: string): Transform {
  let bytes = 0
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length
      if (max > 0 && bytes > max) {
        done(new HttpError(url, null, `${what}: more than ${max} bytes; stopped`, false))
        return
      }
      done(null, chunk)
    },
  })
}

/** The Content-Length the server announced (NaN when none), refused when over `max`. */
export function announcedLength(
  url: string,
  res: IncomingMessage,
  max: number,
  what: string,
): number {
  const announced = Number(res.headers['content-length'] ?? NaN)
  if (max > 0 && Number.isFinite(announced) && announced > max) {
    throw new HttpError(
      url,
      null,
      `${what}: the server announces ${announced} bytes, more than ${max}`,
      false,
    )
  }
  return announced
}

/** The whole body as UTF-8 text, at most `max` bytes. */
export async function readText(url: string, res: IncomingMessage, max: number): Promise<string> {
  announcedLength(url, res, max, 'the answer')
  const chunks: Buffer[] = []
  try {
    const collect = new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk)
        done()
      },
    })
    await pipeline(res, capped(url, max, 'the answer'), collect)
  } catch (err) {
    // a body that broke off is worth another attempt; the cap is not
    throw err instanceof HttpError ? err : new HttpError(url, null, (err as Error).message, true)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** A write to our own disk failed: not the server's fault, never retried. */
export class LocalWriteError extends Error {
  constructor(
    readonly path: string,
    override readonly cause: NodeJS.ErrnoException,
  ) {
    super(`cannot write ${path}: ${cause.code ?? cause.message}`)
    this.name = 'LocalWriteError'
  }
}

/**
 * The body into `dest`, at most `expectedSize` bytes (0: no cap), its sha256 computed on the
 * way; a body shorter than announced is a truncated download. `dest` is removed on failure.
 */
export async function saveBody(
  url: string,
  res: IncomingMessage,
  dest: string,
  expectedSize: number,
): Promise<{ sha256: string; bytes: number }> {
  const announced = announcedLength(url, res, expectedSize, 'the archive')
  const hash = createHash('sha256')
  let bytes = 0
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk)
      bytes += chunk.length
      done(null, chunk)
    },
  })
  const file = createWriteStream(dest)
  let local: NodeJS.ErrnoException | undefined
  // pipeline also destroys the file with a network error: only a file system call's own
  // failure is ours
  file.on('error', (e: NodeJS.ErrnoException) => {
    if (e.syscall && ['open', 'write', 'close', 'fsync'].includes(e.syscall)) local = e
  })
  const truncated = (detail?: string) =>
    new HttpError(
      url,
      null,
      Number.isFinite(announced)
        ? `truncated download: ${bytes} of ${announced} bytes${detail ? ` (${detail})` : ''}`
        : (detail ?? 'the body broke off'),
      true,
    )
  try {
    await pipeline(res, capped(url, expectedSize, 'the archive'), tap, file)
  } catch (err) {
    await rm(dest, { force: true }).catch(() => {})
    if (local) throw new LocalWriteError(dest, local)
    if (err instanceof HttpError) throw err
    throw truncated((err as Error).message)
  }
  if (Number.isFinite(announced) && announced !== bytes) {
    await rm(dest, { force: true })
    throw truncated()
  }
  return { sha256: hash.digest('hex'), bytes }
}
