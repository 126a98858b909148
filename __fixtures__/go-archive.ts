import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  chmodSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** A Go archive built at test time from the Go on this machine, laid out like go.dev's. */
export interface GoArchive {
  /** `go1.19.8` */
  goVersion: string
  /** `1.19.8` */
  version: string
  filename: string
  file: string
  sha256: string
  size: number
  goos: string
  goarch: string
}

export type Variant = 'ok' | 'no-pkg-tool' | 'go-fails'

export function machineGo(): { goroot: string; goVersion: string; goos: string; goarch: string } {
  const out = execFileSync('go', ['env', '-json', 'GOROOT', 'GOVERSION', 'GOOS', 'GOARCH'], {
    encoding: 'utf8',
  })
  const e = JSON.parse(out) as Record<string, string>
  return { goroot: e.GOROOT, goVersion: e.GOVERSION, goos: e.GOOS, goarch: e.GOARCH }
}

export const fixtureDir = path.join(os.tmpdir(), 'go-path-arbiter-fixtures')

/**
 * Lays out a small but real Go tree (bin/go, bin/gofmt, pkg/tool/<os_arch>/vet, VERSION)
 * under `<dir>/go`. Variants break it on purpose: no pkg/tool, or a `go` that exits 3.
 */
export function layOutGoTree(dir: string, variant: Variant = 'ok'): ReturnType<typeof machineGo> {
  const m = machineGo()
  const go = path.join(dir, 'go')
  const tool = path.join(go, 'pkg', 'tool', `${m.goos}_${m.goarch}`)
  mkdirSync(path.join(go, 'bin'), { recursive: true })
  if (variant === 'go-fails') {
    writeFileSync(
      path.join(go, 'bin', 'go'),
      '#!/bin/sh\necho "go: broken on purpose" >&2\nexit 3\n',
    )
    chmodSync(path.join(go, 'bin', 'go'), 0o755)
  } else {
    copyFileSync(path.join(m.goroot, 'bin', 'go'), path.join(go, 'bin', 'go'))
  }
  copyFileSync(path.join(m.goroot, 'bin', 'gofmt'), path.join(go, 'bin', 'gofmt'))
  if (variant !== 'no-pkg-tool') {
    mkdirSync(tool, { recursive: true })
    copyFileSync(
      path.join(m.goroot, 'pkg', 'tool', `${m.goos}_${m.goarch}`, 'vet'),
      path.join(tool, 'vet'),
    )
  }
  writeFileSync(path.join(go, 'VERSION'), `${m.goVersion}\n`)
  return m
}

/** Builds (once per machine, cached in the temp folder) `go<V>.<os>-<arch>.tar.gz`. */
export function goArchive(variant: Variant = 'ok'): GoArchive {
  const m = machineGo()
  const filename = `${m.goVersion}.${m.goos}-${m.goarch}.tar.gz`
  const file = path.join(fixtureDir, variant, filename)
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true })
    const work = mkdtempSync(path.join(fixtureDir, 'build-'))
    layOutGoTree(work, variant)
    const tmp = path.join(work, filename)
    // the same bytes whoever builds it: test workers may build it at the same time
    execFileSync('sh', [
      '-c',
      'tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - -C "$1" go | gzip -n > "$2"',
      'sh',
      work,
      tmp,
    ])
    renameSync(tmp, file)
    rmSync(work, { recursive: true, force: true })
  }
  const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex')
  return {
    goVersion: m.goVersion,
    version: m.goVersion.replace(/^go/, ''),
    filename,
    file,
    sha256,
    size: statSync(file).size,
    goos: m.goos,
    goarch: m.goarch,
  }
}

/** A release index that lists the archive (and, optionally, other releases). */
export function indexFor(
  a: GoArchive,
  overrides: { sha256?: string; size?: number } = {},
  extra: unknown[] = [],
): unknown[] {
  return [
    {
      version: a.goVersion,
      stable: true,
      files: [
        {
          filename: `${a.goVersion}.src.tar.gz`,
          os: '',
          arch: '',
          version: a.goVersion,
          sha256: '0'.repeat(64),
          size: 1,
          kind: 'source',
        },
        {
          filename: a.filename,
          os: a.goos,
          arch: a.goarch,
          version: a.goVersion,
          sha256: overrides.sha256 ?? a.sha256,
          size: overrides.size ?? a.size,
          kind: 'archive',
        },
      ],
    },
    ...extra,
  ]
}
