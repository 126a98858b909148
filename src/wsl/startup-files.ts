/**
 * A WSL distribution's startup files, read and written from Windows through `wsl.exe` only
 * (I/O): a script runs inside the distribution (scripts/startup-files.sh) as its default
 * user; bytes cross as base64, so any file survives the trip exactly. Nothing is written
 * through `\\wsl$`. The same calls look for the Linux Go trees in the distribution.
 */
import { randomBytes } from 'node:crypto'
import { loadScript, withMarker } from '../files/assets.js'
import { goVersionOf } from '../go/gover.js'
import { parseRecords } from '../shells/records.js'
import { distroArgs } from '../shells/wsl.js'
import type { RunResult } from '../processes/run.js'
import type { WslRunner } from './provision.js'

/** One startup file as the distribution has it. */
export type DistroFile =
  | {
      kind: 'file'
      path: string
      /** the file a link names (the path itself when none) */ real: string
      bytes: Buffer
    }
  | {
      kind: 'none'
      path: string
      /** folders to make for it, outermost first */ missingDirs: string[]
    }
  | { kind: 'unreadable'; path: string }

/** A Linux Go found in the distribution. */
export interface LinuxGo {
  program: string
  goroot: string
  /** semver, e.g. 1.22.3 */
  version: string
}

export interface DistroLook {
  /** the default user's home folder and login shell (a path), as a new terminal gets them */
  home: string
  shell: string
  files: DistroFile[]
  gos: LinuxGo[]
}

/** What one distribution's startup files are reached through. */
export interface DistroFiles {
  distribution: string
  look(files: readonly string[], pathDirs: readonly string[]): Promise<DistroLook>
  /** replaces the file, only while its sha256 is `expect` ('none': no file) */
  write(file: string, bytes: Buffer, expect: string): Promise<void>
  /** removes the file, then each folder (innermost first) when empty */
  remove(file: string, dirs: readonly string[]): Promise<void>
}

/** The script as it goes in on stdin: DATA (base64, no other character) first, then the text. */
export function startupFilesScript(marker: string, data = ''): string {
  if (!/^[A-Za-z0-9+/=]*$/.test(data)) throw new Error('DATA is base64 only')
  const text = loadScript(new URL('./scripts/startup-files.sh', import.meta.url))
  return `DATA='${data}'\n${withMarker(text, marker)}`
}

/** The records of a `look` (pure). */
export function parseLook(stdout: string, marker: string): DistroLook {
  const files: DistroFile[] = []
  const gos: LinuxGo[] = []
  const seen = new Set<string>()
  let home = ''
  let shell = ''
  for (const [key, value] of parseRecords(stdout, marker)) {
    const lines = value.split('\n')
    if (key === 'HOME') home = value.trim()
    else if (key === 'SHELL') shell = value.trim()
    else if (key === 'FILE') {
      const [file, real, b64] = lines
      files.push({
        kind: 'file',
        path: file,
        real: real || file,
        bytes: Buffer.from(b64 ?? '', 'base64'),
      })
    } else if (key === 'NOFILE') {
      files.push({
        kind: 'none',
        path: lines[0],
        missingDirs: lines.slice(1).filter(Boolean).reverse(),
      })
    } else if (key === 'UNREADABLE') {
      files.push({ kind: 'unreadable', path: lines[0] })
    } else if (key === 'GO') {
      const [program, goroot, goversion] = lines
      const version = goVersionOf(goversion)
      // the same tree through two of the places looked at (a PATH folder and its own)
      if (!version || !goroot || seen.has(goroot)) continue
      seen.add(goroot)
      gos.push({ program, goroot, version })
    }
  }
  return { home, shell, files, gos }
}

/** What the script said went wrong, or the call's own failure; undefined when it ended well. */
function trouble(r: RunResult, marker: string, what: string): string | undefined {
  const rec = new Map(parseRecords(r.stdout, marker))
  if (rec.has('ERROR')) return rec.get('ERROR')!.trim()
  if (rec.has('END')) return undefined
  const said = `${r.stderr}\n${r.stdout}`.replace(/\0/g, '').trim().slice(0, 400)
  if (r.timedOut) return `${what}: wsl.exe did not answer (${r.error})`
  return `${what}: wsl.exe ${r.exitCode !== null ? `exited with ${r.exitCode}` : 'failed'}${r.error ? ` (${r.error})` : ''}${said ? `: ${said}` : ''}`
}

/** A distribution's files through this wsl.exe runner. */
export function distroFiles(run: WslRunner, distribution: string, timeoutMs: number): DistroFiles {
  const call = async (mode: string, args: readonly string[], data?: string) => {
    const marker = `GPA${randomBytes(8).toString('hex')}`
    const r = await run([...distroArgs(distribution), '--exec', 'sh', '-s', '--', mode, ...args], {
      input: startupFilesScript(marker, data),
      timeoutMs,
    })
    const bad = trouble(r, marker, `${mode} in WSL ${distribution}`)
    if (bad) throw new Error(bad)
    return { stdout: r.stdout, marker }
  }
  return {
    distribution,
    async look(files, pathDirs) {
      const { stdout, marker } = await call('look', [...files, '--', ...pathDirs])
      return parseLook(stdout, marker)
    },
    async write(file, bytes, expect) {
      await call('write', [file, expect], bytes.toString('base64'))
    },
    async remove(file, dirs) {
      await call('remove', [file, ...dirs])
    },
  }
}
