/**
 * The single executable and the install scripts, on Linux: the linux-x64 executable built by
 * `npm run build:exe`'s script (with the Node these tests run on, from the npm registry),
 * alone in an empty folder, runs a real check; install.sh under dash and install.ps1 under
 * real pwsh, against a server on 127.0.0.1 holding the release's files, run it once and
 * leave nothing behind, refuse a tampered archive and run nothing, and with --install /
 * -Install keep it in ~/.local/bin. The Windows executable runs in the Windows lane; the
 * registry part of install.ps1 runs only on Windows (.github/workflows/release.yml): here its
 * PATH edit is a documented-behaviour table test.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
} from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { buildExe, scoopManifest, wingetManifests } from '../../scripts/build-exe.mjs'
import { repoRoot } from '../helpers/action.js'
import { homeSnapshot, machine, writeExecutable, type Machine } from '../helpers/machine.js'
import { scratchDir } from '../helpers/scratch.js'
import { describeWith, toolPath } from '../helpers/tools.js'

jest.setTimeout(300_000)

const version = (
  JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }
).version
const archiveName = `go-path-arbiter-${version}-linux-x64.tar.gz`

let release = ''
let server: http.Server
let base = ''
/** what the server gives for the archive: the real bytes, or one byte changed */
let tampered = false

beforeAll(async () => {
  if (process.platform !== 'linux' || process.arch !== 'x64') return
  const out = scratchDir('gpa-release-')
  release = (await buildExe({ node: process.versions.node, targets: ['linux-x64'], out })).out
  server = http.createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '').replace(/^\/+/, ''))
    const file = path.join(release, name)
    if (name.includes('/') || !existsSync(file)) {
      res.writeHead(404).end()
      return
    }
    const bytes = readFileSync(file)
    if (tampered && name === archiveName) bytes[bytes.length - 10] ^= 0xff
    res.writeHead(200, { 'content-length': bytes.length }).end(bytes)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})
afterAll(async () => {
  if (server) await new Promise((r) => server.close(r))
})

/** A PATH whose first folder has a `node` that fails loudly: the installers must never run one. */
function withFailingNode(m: Machine): NodeJS.ProcessEnv {
  const dir = path.join(m.root, 'no-node')
  writeExecutable(path.join(dir, 'node'), '#!/bin/sh\necho "node was run" >&2\nexit 97\n')
  return { ...m.env, PATH: `${dir}:${m.env.PATH}` }
}

/**
 * The machine's PATH with no node on it at all: each folder that holds a node is replaced by
 * a folder of links to everything else in it.
 */
function withoutNode(m: Machine): NodeJS.ProcessEnv {
  const dirs = (m.env.PATH ?? '').split(':').map((dir, i) => {
    if (!existsSync(path.join(dir, 'node')) && !existsSync(path.join(dir, 'nodejs'))) return dir
    const farm = path.join(m.root, `path-${i}`)
    mkdirSync(farm, { recursive: true })
    for (const name of readdirSync(dir)) {
      if (name === 'node' || name === 'nodejs') continue
      symlinkSync(path.join(dir, name), path.join(farm, name))
    }
    return farm
  })
  return { ...m.env, PATH: dirs.join(':') }
}

const linuxX64 = process.platform === 'linux' && process.arch === 'x64'
const describeLinux = linuxX64 ? describe : describe.skip

describeLinux('the linux-x64 single executable', () => {
  it('the archive holds the executable, its licence and Node’s; SHA256SUMS names its hash', () => {
    const sums = readFileSync(path.join(release, 'SHA256SUMS'), 'utf8')
    const hash = createHash('sha256')
      .update(readFileSync(path.join(release, archiveName)))
      .digest('hex')
    expect(sums).toBe(`${hash}  ${archiveName}\n`)
    const list = spawnSync('tar', ['-tzf', path.join(release, archiveName)], { encoding: 'utf8' })
    expect(list.stdout.split('\n').filter(Boolean).sort()).toEqual([
      'LICENSE',
      'NODE-LICENSE',
      'go-path-arbiter',
    ])
  })

  it('copied alone into an empty folder, it runs a real check (--json) with no node on PATH', () => {
    const m = machine()
    const noNode = withoutNode(m)
    const dir = scratchDir('gpa-exe-')
    spawnSync('tar', ['-xzf', path.join(release, archiveName), '-C', dir, 'go-path-arbiter'])
    const alone = scratchDir('gpa-alone-')
    copyFileSync(path.join(dir, 'go-path-arbiter'), path.join(alone, 'go-path-arbiter'))
    spawnSync('chmod', ['755', path.join(alone, 'go-path-arbiter')])
    expect(readdirSync(alone)).toEqual(['go-path-arbiter'])
    const r = spawnSync(
      path.join(alone, 'go-path-arbiter'),
      ['--json', '--no-modules', '--shells', 'bash,sh', '--go', m.goroot],
      { env: noNode, cwd: m.home, encoding: 'utf8', timeout: 120_000 },
    )
    const which = spawnSync('sh', ['-c', 'command -v node || echo none'], {
      env: noNode,
      encoding: 'utf8',
    })
    expect(which.stdout.trim()).toBe('none')
    const report = JSON.parse(r.stdout) as {
      processExitCode: number
      probes: Array<{ shell: string; status: string }>
    }
    expect(report.probes.map((p) => [p.shell, p.status])).toEqual([
      ['bash', 'ok'],
      ['sh', 'ok'],
    ])
    expect(r.status).toBe(report.processExitCode)
    expect(r.status).toBe(0)
  })
})

/**
 * A fresh TMPDIR and HOME for an installer run: what is left in them afterwards is what it
 * left. Started without blocking: the server that answers it runs in this process.
 */
async function installerRun(cmd: string, args: string[], extra: NodeJS.ProcessEnv = {}) {
  const m = machine()
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gpa-inst-tmp-'))
  const before = homeSnapshot(m)
  const child = spawn(cmd, args, {
    env: { ...withFailingNode(m), TMPDIR: tmp, ...extra },
    cwd: m.home,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), 180_000)
  const status = await new Promise<number | null>((r) => child.on('close', r))
  clearTimeout(timer)
  return { status, stdout, stderr, m, tmp, before }
}

;(linuxX64 ? describeWith : (_t: unknown, n: string, f: () => void) => describe.skip(n, f))(
  ['curl', 'go'],
  'install.sh under dash',
  () => {
    const script = path.join(repoRoot, 'install.sh')
    it('by default runs the check once with the arguments after --, and leaves nothing behind', async () => {
      tampered = false
      const r = await installerRun('dash', [script, '--base-url', base, '--', '--version'])
      expect(r.stderr).toBe('')
      expect(r.stdout).toBe(`go-path-arbiter ${version}\n`)
      expect(r.status).toBe(0)
      expect(readdirSync(r.tmp)).toEqual([])
      expect(homeSnapshot(r.m)).toEqual(r.before)
    })

    it("passes the check's exit code on", async () => {
      tampered = false
      const r = await installerRun('dash', [script, '--base-url', base, '--', '--shells', 'nope'])
      expect(r.status).not.toBe(0)
      expect(r.stderr).toContain('nope')
    })

    it('a tampered archive is refused: nothing runs, nothing is left', async () => {
      tampered = true
      const r = await installerRun('dash', [script, '--base-url', base, '--', '--version'])
      tampered = false
      expect(r.status).toBe(1)
      expect(r.stderr).toMatch(
        /sha256 [0-9a-f]{64}, but SHA256SUMS says [0-9a-f]{64}: nothing was run/,
      )
      expect(r.stdout).toBe('')
      expect(readdirSync(r.tmp)).toEqual([])
    })

    it('a version the release does not have is a clear error naming the file', async () => {
      const r = await installerRun('dash', [script, '--base-url', base, '--version', '9.9.9'])
      expect(r.status).toBe(1)
      expect(r.stderr).toContain('go-path-arbiter-9.9.9-linux-x64.tar.gz is not in')
    })

    it('--install keeps it in ~/.local/bin and says that folder is not on PATH; no startup file changes', async () => {
      const r = await installerRun('dash', [script, '--install', '--base-url', base])
      expect(r.status).toBe(0)
      const exe = path.join(r.m.home, '.local/bin/go-path-arbiter')
      expect(spawnSync(exe, ['--version'], { encoding: 'utf8' }).stdout).toBe(
        `go-path-arbiter ${version}\n`,
      )
      expect(r.stdout).toContain(`${path.join(r.m.home, '.local/bin')} is not on PATH`)
      const after = homeSnapshot(r.m)
      expect(Object.keys(after).filter((f) => !(f in r.before))).toEqual([
        '.local/bin/go-path-arbiter',
      ])
    })
  },
)

;(linuxX64 ? describeWith : (_t: unknown, n: string, f: () => void) => describe.skip(n, f))(
  ['pwsh', 'go'],
  'install.ps1 under real pwsh (Linux)',
  () => {
    const script = path.join(repoRoot, 'install.ps1')
    const ps = async (command: string, extra: NodeJS.ProcessEnv = {}) =>
      installerRun(toolPath('pwsh')!, ['-NoLogo', '-NoProfile', '-Command', command], extra)

    it('by default runs the check once with -ArgumentList, passes its exit code on, and leaves nothing behind', async () => {
      tampered = false
      const r = await ps(
        `& '${script}' -BaseUrl '${base}' -ArgumentList '--version'; exit $LASTEXITCODE`,
      )
      expect(r.stdout).toBe(`go-path-arbiter ${version}\n`)
      expect(r.status).toBe(0)
      expect(readdirSync(r.tmp)).toEqual([])
      expect(homeSnapshot(r.m)).toEqual(r.before)
    })

    it('GPA_BASE_URL names the mirror, as `irm … | iex` runs it (no parameters)', async () => {
      tampered = false
      const r = await ps(`Get-Content -Raw '${script}' | Invoke-Expression; exit $LASTEXITCODE`, {
        GPA_BASE_URL: base,
      })
      // the check itself ran: this HOME's new terminals all run its one Go
      expect(r.stdout).toContain('go-path-arbiter: exit code 0 (consistent)')
      expect(r.status).toBe(0)
    })

    it('a tampered archive is refused: nothing runs', async () => {
      tampered = true
      const r = await ps(`& '${script}' -BaseUrl '${base}' -ArgumentList '--version'`)
      tampered = false
      expect(r.status).not.toBe(0)
      expect(r.stderr).toMatch(/nothing was run/)
      expect(r.stdout).not.toContain('go-path-arbiter 0')
      expect(readdirSync(r.tmp)).toEqual([])
    })

    it('-Install keeps it in ~/.local/bin (off Windows no registry is touched)', async () => {
      const r = await ps(`& '${script}' -BaseUrl '${base}' -Install; exit $LASTEXITCODE`)
      expect(r.status).toBe(0)
      const exe = path.join(r.m.home, '.local/bin/go-path-arbiter')
      expect(spawnSync(exe, ['--version'], { encoding: 'utf8' }).stdout).toBe(
        `go-path-arbiter ${version}\n`,
      )
    })

    describe('the user PATH edit (documented behaviour of the registry value: the write itself runs only on Windows)', () => {
      const cases: Array<
        [string, string, string, string, { Data: string; Kind: string; Changed: boolean }]
      > = [
        [
          'added at the end, %NAME% kept, REG_EXPAND_SZ stays',
          '%USERPROFILE%\\go\\bin;C:\\tools',
          'ExpandString',
          'C:\\Users\\me\\AppData\\Local\\Programs\\go-path-arbiter',
          {
            Data: '%USERPROFILE%\\go\\bin;C:\\tools;C:\\Users\\me\\AppData\\Local\\Programs\\go-path-arbiter',
            Kind: 'ExpandString',
            Changed: true,
          },
        ],
        [
          'already there (other case, a trailing backslash): unchanged',
          'C:\\A;c:\\users\\me\\appdata\\local\\programs\\go-path-arbiter\\',
          'String',
          'C:\\Users\\me\\AppData\\Local\\Programs\\go-path-arbiter',
          {
            Data: 'C:\\A;c:\\users\\me\\appdata\\local\\programs\\go-path-arbiter\\',
            Kind: 'String',
            Changed: false,
          },
        ],
        [
          'an empty value',
          '',
          'ExpandString',
          'C:\\X',
          { Data: 'C:\\X', Kind: 'ExpandString', Changed: true },
        ],
        [
          'a REG_SZ holding a %NAME% becomes REG_EXPAND_SZ',
          '%USERPROFILE%\\bin;',
          'String',
          'C:\\X',
          { Data: '%USERPROFILE%\\bin;C:\\X', Kind: 'ExpandString', Changed: true },
        ],
        [
          'a plain REG_SZ stays REG_SZ',
          'C:\\A',
          'String',
          'C:\\X',
          { Data: 'C:\\A;C:\\X', Kind: 'String', Changed: true },
        ],
      ]
      it.each(cases)('%s', (_name, raw, kind, dir, want) => {
        const q = (s: string) => `'${s.replace(/'/g, "''")}'`
        const r = spawnSync(
          toolPath('pwsh')!,
          [
            '-NoLogo',
            '-NoProfile',
            '-Command',
            `. ${q(script)}; Add-PathEntry ${q(raw)} ${q(kind)} ${q(dir)} | ConvertTo-Json -Compress`,
          ],
          { env: { ...process.env, GPA_INSTALL_DEFINE_ONLY: '1' }, encoding: 'utf8' },
        )
        expect(r.stderr).toBe('')
        expect(JSON.parse(r.stdout)).toEqual(want)
      })
    })
  },
)

describe('the install scripts name this version', () => {
  it.each(['install.sh', 'install.ps1'])('%s', (file) => {
    const text = readFileSync(path.join(repoRoot, file), 'utf8')
    const said = file.endsWith('.sh')
      ? /VERSION=\$\{GPA_VERSION:-([^}]+)\}/.exec(text)
      : /\$Version = '([^']+)'/.exec(text)
    expect(said?.[1]).toBe(version)
  })
})

describe('the manifests, generated from the release (never edited by hand)', () => {
  const sums = {
    'go-path-arbiter-1.2.3-windows-x64.zip': 'ab'.repeat(32),
    'go-path-arbiter-1.2.3-linux-x64.tar.gz': 'cd'.repeat(32),
  }
  const base = 'https://example.test/v1.2.3'
  it("Scoop's: the Windows archive's URL and hash, the executable, autoupdate", () => {
    const m = scoopManifest('1.2.3', base, sums) as {
      version: string
      architecture: Record<string, { url: string; hash: string }>
      bin: string
    }
    expect(m.version).toBe('1.2.3')
    expect(m.architecture).toEqual({
      '64bit': { url: `${base}/go-path-arbiter-1.2.3-windows-x64.zip`, hash: 'ab'.repeat(32) },
    })
    expect(m.bin).toBe('go-path-arbiter.exe')
  })
  it("winget's three: a zip with a portable nested installer, the hash in upper case", () => {
    const m = wingetManifests('1.2.3', base, sums)
    expect(Object.keys(m).sort()).toEqual([
      'GoPathArbiter.GoPathArbiter.installer.yaml',
      'GoPathArbiter.GoPathArbiter.locale.en-US.yaml',
      'GoPathArbiter.GoPathArbiter.yaml',
    ])
    expect(m['GoPathArbiter.GoPathArbiter.installer.yaml']).toMatchObject({
      PackageVersion: '1.2.3',
      InstallerType: 'zip',
      NestedInstallerType: 'portable',
      NestedInstallerFiles: [
        { RelativeFilePath: 'go-path-arbiter.exe', PortableCommandAlias: 'go-path-arbiter' },
      ],
      Installers: [
        {
          Architecture: 'x64',
          InstallerUrl: `${base}/go-path-arbiter-1.2.3-windows-x64.zip`,
          InstallerSha256: 'AB'.repeat(32),
        },
      ],
    })
  })
})
