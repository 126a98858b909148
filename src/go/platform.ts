import { InputError } from '../findings/errors.js'

/** A CPU architecture in Go's naming (archives) and in the tool cache's naming (folders). */
export interface Arch {
  go: string
  cache: string
}

const ARCHES: ReadonlyArray<{ names: string[]; arch: Arch }> = [
  { names: ['x64', 'amd64', 'x86_64'], arch: { go: 'amd64', cache: 'x64' } },
  { names: ['x86', 'ia32', '386', 'i386', 'i686'], arch: { go: '386', cache: 'x86' } },
  { names: ['arm64', 'aarch64'], arch: { go: 'arm64', cache: 'arm64' } },
  { names: ['arm', 'armv6l', 'armv7l', 'armhf'], arch: { go: 'armv6l', cache: 'arm' } },
  { names: ['ppc64le'], arch: { go: 'ppc64le', cache: 'ppc64le' } },
  { names: ['ppc64'], arch: { go: 'ppc64', cache: 'ppc64' } },
  { names: ['s390x'], arch: { go: 's390x', cache: 's390x' } },
  { names: ['riscv64'], arch: { go: 'riscv64', cache: 'riscv64' } },
  { names: ['loong64', 'loongarch64'], arch: { go: 'loong64', cache: 'loong64' } },
]

/** Maps the `architecture` input (or Node's `process.arch`) to Go's and the tool cache's names. */
export function parseArch(value: string, inputName = 'architecture'): Arch {
  const wanted = value.trim().toLowerCase()
  const hit = ARCHES.find((a) => a.names.includes(wanted))
  if (!hit) {
    const known = ARCHES.flatMap((a) => a.names).join(', ')
    throw new InputError(`${inputName}: "${value}" is not a known architecture (one of: ${known})`)
  }
  return hit.arch
}

/** Go's GOOS for a Node platform. */
export function goOs(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'windows'
  if (platform === 'sunos') return 'solaris'
  return platform
}

/** The archive kind the go.dev index lists for an OS. */
export function archiveExtension(os: string): 'zip' | 'tar.gz' {
  return os === 'windows' ? 'zip' : 'tar.gz'
}

/** Executable file name on this OS. */
export function exe(name: string, platform: NodeJS.Platform): string {
  return platform === 'win32' ? `${name}.exe` : name
}
