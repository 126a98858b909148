/**
 * The Windows lane: the committed dist/index.js under the Windows Node, cmd.exe and a
 * cross-built go.exe, all run by wine. Set up by `node scripts/wine-lane.mjs` (cached);
 * skipped when it is not set up, unless GPA_WINE_LANE=required (as .ci/run sets it).
 *
 * Wine's gaps, not coded around: its `where` and `powershell` are stubs (pwsh and
 * powershell are covered by .github/workflows/test.yml on windows-latest), and its cmd
 * differs from Windows' in corner cases of variable expansion.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { spawn, spawnSync } from 'node:child_process'
import {
  createWriteStream,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { indexFor, type GoArchive } from '../../__fixtures__/go-archive.js'
import { parseEnvFile, parsePathFile } from '../helpers/file-commands.js'
import { actionBundle, cliBundle, repoRoot } from '../helpers/action.js'
import { startMirror, type Mirror } from '../helpers/mirror.js'

interface Lane {
  wineprefix: string
  nodeExe: string
  nodeVersion: string
  goVersion: string
  zip: string
  zipName: string
  sha256: string
  size: number
  goTree: string
}

const cacheDir =
  process.env.GPA_WINE_CACHE || path.join(os.homedir(), '.cache', 'go-path-arbiter', 'wine-lane')
const laneFile = path.join(cacheDir, 'lane.json')
const lane: Lane | null = existsSync(laneFile)
  ? (JSON.parse(readFileSync(laneFile, 'utf8')) as Lane)
  : null
if (!lane && process.env.GPA_WINE_LANE === 'required') {
  throw new Error(
    `GPA_WINE_LANE=required but ${laneFile} is missing: run node scripts/wine-lane.mjs`,
  )
}
/** The lane's suite, or a skip that says how to set the lane up (the reporter lists it). */
const laneDescribe = (name: string, fn: () => void) => {
  if (lane) return describe(name, fn)
  if (process.env.GPA_REQUIRE_TOOLS === '1')
    throw new Error(`${name}: the Windows lane is not set up, and GPA_REQUIRE_TOOLS=1`)
  describe.skip(
    `${name} [skipped: needs the Windows lane (apt-get install -y --no-install-recommends wine wine64 zip golang-go, then node scripts/wine-lane.mjs)]`,
    fn,
  )
}
jest.setTimeout(180_000)

/** The folder a test maps to D: in wine's dosdevices, while it runs. */
let driveD: string | undefined

/** A Unix path as wine names it: C:\ inside the prefix's drive_c, D:\ in driveD, else Z:\. */
function win(p: string): string {
  if (driveD && p.startsWith(`${driveD}/`)) {
    return `D:\\${p.slice(driveD.length + 1).replace(/\//g, '\\')}`
  }
  const driveC = path.join(lane!.wineprefix, 'drive_c')
  if (p === driveC || p.startsWith(`${driveC}/`)) {
    return `C:\\${p.slice(driveC.length + 1).replace(/\//g, '\\')}`
  }
  return `Z:${p.replace(/\//g, '\\')}`
}

/** A Windows path of this lane back to Unix. */
function unix(p: string): string {
  if (/^C:\\/i.test(p)) {
    return path.join(lane!.wineprefix, 'drive_c', ...p.slice(3).split('\\').filter(Boolean))
  }
  if (/^Z:\\/i.test(p)) return p.slice(2).replace(/\\/g, '/')
  if (driveD && /^D:\\/i.test(p))
    return path.join(driveD, ...p.slice(3).split('\\').filter(Boolean))
  throw new Error(`not a lane path: ${p}`)
}

interface Dirs {
  root: string
  toolCache: string
  temp: string
  workspace: string
}

/** A runner-like layout on C: (C:\gpa-run-x\hostedtoolcache\windows, ...\_temp, ...\a\repo). */
function runnerDirs(): Dirs {
  const root = mkdtempSync(path.join(lane!.wineprefix, 'drive_c', 'gpa-run-'))
  const d = {
    root,
    toolCache: path.join(root, 'hostedtoolcache', 'windows'),
    temp: path.join(root, '_temp'),
    workspace: path.join(root, 'a', 'repo'),
  }
  for (const dir of [d.toolCache, d.temp, d.workspace]) mkdirSync(dir, { recursive: true })
  return d
}

const wineEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  WINEPREFIX: lane!.wineprefix,
  WINEDEBUG: '-all',
  WINEDLLOVERRIDES: 'mscoree,mshtml=',
})

/** Runs node.exe under wine with stdio in files (Windows Node crashes on Unix pipes). */
const wineNode = (args: string[], cwd: string, env: NodeJS.ProcessEnv) =>
  wineProgram(lane!.nodeExe, args, cwd, env)

/** Runs a Windows program under wine, stdio in files (a Node inside it crashes on Unix pipes). */
async function wineProgram(
  program: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const io = mkdtempSync(path.join(os.tmpdir(), 'gpa-wine-io-'))
  const out = openSync(path.join(io, 'out'), 'w')
  const err = openSync(path.join(io, 'err'), 'w')
  const child = spawn('wine', [program, ...args], { cwd, env, stdio: ['ignore', out, err] })
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  closeSync(out)
  closeSync(err)
  return {
    code,
    stdout: readFileSync(path.join(io, 'out'), 'utf8'),
    stderr: readFileSync(path.join(io, 'err'), 'utf8'),
  }
}

/** Cross-builds a stand-in of __fixtures__/windows (one main.go) into a Windows program. */
function buildStandin(name: string, out: string): void {
  const built = spawnSync(
    'go',
    ['build', '-o', out, path.join(repoRoot, '__fixtures__', 'windows', name, 'main.go')],
    {
      env: { ...process.env, GOOS: 'windows', GOARCH: 'amd64', CGO_ENABLED: '0' },
      encoding: 'utf8',
    },
  )
  expect(built.stderr).toBe('')
}

interface WinRun {
  code: number | null
  stdout: string
  envRaw: string
  pathRaw: string
  env: Record<string, string>
  pathLines: string[]
  outputs: Record<string, string>
  summary: string
}

const githubFiles = (d: Dirs) => {
  const id = `${Date.now()}-${Math.random().toString(16).slice(2)}`
  const files = {
    GITHUB_ENV: path.join(d.temp, `env-${id}`),
    GITHUB_PATH: path.join(d.temp, `path-${id}`),
    GITHUB_OUTPUT: path.join(d.temp, `output-${id}`),
    GITHUB_STEP_SUMMARY: path.join(d.temp, `summary-${id}`),
  }
  for (const f of Object.values(files)) writeFileSync(f, '')
  return files
}

function actionVars(d: Dirs, files: Record<string, string>, inputs: Record<string, string>) {
  const vars: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    RUNNER_OS: 'Windows',
    GITHUB_WORKSPACE: win(d.workspace),
    RUNNER_TOOL_CACHE: win(d.toolCache),
    RUNNER_TEMP: win(d.temp),
  }
  for (const [k, f] of Object.entries(files)) vars[k] = win(f)
  for (const [k, v] of Object.entries(inputs)) vars[`INPUT_${k.toUpperCase()}`] = v
  return vars
}

function readRun(code: number | null, stdout: string, files: Record<string, string>): WinRun {
  const envRaw = readFileSync(files.GITHUB_ENV, 'utf8')
  const pathRaw = readFileSync(files.GITHUB_PATH, 'utf8')
  return {
    code,
    stdout,
    envRaw,
    pathRaw,
    env: parseEnvFile(envRaw, true),
    pathLines: parsePathFile(pathRaw, true),
    outputs: parseEnvFile(readFileSync(files.GITHUB_OUTPUT, 'utf8'), true),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
  }
}

/**
 * The runner starting the action: `node dist\\index.js` with INPUT_* and C:\\ file paths.
 * Started from the Windows Node harness: wine drops variables whose names hold a `-`
 * (INPUT_GO-VERSION) when a Unix process starts a Windows one.
 */
async function runAction(
  d: Dirs,
  inputs: Record<string, string>,
  extra: { prependPath?: string[]; extraKeys?: Record<string, string> } = {},
): Promise<WinRun> {
  const files = githubFiles(d)
  const r = await harness(d, {
    kind: 'action',
    dist: win(actionBundle()),
    cwd: win(d.workspace),
    vars: actionVars(d, files, inputs),
    ...extra,
  })
  return readRun(r.status, r.stdout, files)
}

/** Runs __fixtures__/windows/step.mjs under the Windows Node with a spec. */
async function harness(d: Dirs, spec: Record<string, unknown>) {
  const specFile = path.join(d.temp, `spec-${Math.random().toString(16).slice(2)}.json`)
  const outFile = `${specFile}.out`
  writeFileSync(specFile, JSON.stringify({ ...spec, out: win(outFile) }))
  const r = await wineNode(
    [win(path.join(repoRoot, '__fixtures__', 'windows', 'step.mjs')), win(specFile)],
    d.workspace,
    wineEnv(),
  )
  if (!existsSync(outFile)) throw new Error(`the harness wrote nothing: ${r.stdout}${r.stderr}`)
  return JSON.parse(readFileSync(outFile, 'utf8')) as {
    status: number | null
    stdout: string
    stderr: string
    error?: string
  }
}

/** A following `shell: cmd` step, launched like the runner, with the exports applied. */
function cmdStep(d: Dirs, run: WinRun, script: string, cwd = d.workspace) {
  return harness(d, {
    kind: 'cmd',
    file: win(path.join(d.temp, `step-${Math.random().toString(16).slice(2)}.cmd`)),
    script,
    cwd: win(cwd),
    vars: run.env,
    // GITHUB_PATH: the line written last ends up first
    prependPath: [...run.pathLines].reverse(),
  })
}

interface CliReport {
  reference: {
    program: string
    how: string
    entry?: { entry: string; origin: Record<string, unknown> & { where: string } }
  }
  findings: Array<{ id: string; severity: string }>
  origins: Array<{
    shell: string
    entries: Array<{ entry: string; origin: { where: string; layer: string } }>
    vars: Record<string, { where: string }>
  }>
}

interface Report {
  exitCode: number
  findings: Array<{ id: string; severity: string; shells: string[]; message: string }>
  probes: Array<{ shell: string; status: string; hits: { go: string[] }; view?: { path: string } }>
}

laneDescribe('Windows lane (wine): dist/index.js under Windows Node, cmd.exe, go.exe', () => {
  let mirror: Mirror
  let version: string
  let first: WinRun
  let dirs: Dirs

  beforeAll(async () => {
    version = lane!.goVersion.replace(/^go/, '')
    const archive: GoArchive = {
      goVersion: lane!.goVersion,
      version,
      filename: lane!.zipName,
      file: lane!.zip,
      sha256: lane!.sha256,
      size: lane!.size,
      goos: 'windows',
      goarch: 'amd64',
    }
    mirror = await startMirror(indexFor(archive), { [lane!.zipName]: lane!.zip })
    dirs = runnerDirs()
    first = await runAction(dirs, {
      'go-version': version,
      'go-download-base-url': mirror.baseUrl,
      shells: 'cmd',
    })
  })
  afterAll(async () => {
    await mirror?.close()
  })

  it('downloads the zip, verifies it and unpacks it into RUNNER_TOOL_CACHE\\go\\<v>\\x64', () => {
    expect(first.stdout).toContain(`Downloading ${mirror.baseUrl}/${lane!.zipName}`)
    expect(first.stdout).toContain(`Verified sha256 ${lane!.sha256}`)
    // wine has no System32\\tar.exe, so the zip goes through the streaming unzip
    expect(first.stdout).toMatch(/Extracted with streaming unzip \(yauzl\)/)
    expect(first.code).toBe(0)
    const goroot = `${win(dirs.toolCache)}\\go\\${version}\\x64`
    expect(first.outputs.goroot).toBe(goroot)
    expect(first.outputs['go-downloaded']).toBe('true')
    expect(existsSync(path.join(dirs.toolCache, 'go', version, 'x64', 'bin', 'go.exe'))).toBe(true)
    expect(existsSync(path.join(dirs.toolCache, 'go', version, 'x64.complete'))).toBe(true)
  })

  it("writes CRLF file commands that the runner's parser reads, with native C:\\ paths", () => {
    expect(first.envRaw).toContain('\r\n')
    expect(first.envRaw.replace(/\r\n/g, '')).not.toContain('\n')
    expect(first.env).toMatchObject({
      GOROOT: first.outputs.goroot,
      GOPATH: first.outputs.gopath,
      GOTOOLCHAIN: 'local',
    })
    expect(first.outputs.gopath).toMatch(/^C:\\users\\[^\\]+\\go$/i)
    expect(first.pathLines).toEqual([
      `${first.outputs.gopath}\\bin`,
      `${first.outputs.goroot}\\bin`,
    ])
    for (const p of [...first.pathLines, first.env.GOROOT, first.env.GOPATH]) {
      expect(p).toMatch(/^[A-Z]:\\[^/]*$/)
    }
  })

  it('a following cmd step runs the exported go and agrees with the outputs', async () => {
    const r = await cmdStep(dirs, first, 'go version\ngo env GOROOT GOPATH')
    expect(r.error).toBeUndefined()
    expect(r.status).toBe(0)
    const lines = r.stdout.trim().split(/\r?\n/)
    expect(lines[0]).toBe(`go version ${lane!.goVersion} windows/amd64`)
    expect(lines[1].toLowerCase()).toBe(first.outputs.goroot.toLowerCase())
    expect(lines[2].toLowerCase()).toBe(first.outputs.gopath.toLowerCase())
  })

  it("the cmd probe's findings and the summary's cmd column", () => {
    const report = JSON.parse(readFileSync(unix(first.outputs.report), 'utf8')) as Report
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([])
    const cmd = report.probes.find((p) => p.shell === 'cmd')!
    expect(cmd.status).toBe('ok')
    expect(cmd.hits.go[0].toLowerCase()).toBe(`${first.outputs.goroot}\\bin\\go.exe`.toLowerCase())
    expect(
      cmd.view!.path.toLowerCase().startsWith(`${first.outputs.goroot}\\bin;`.toLowerCase()),
    ).toBe(true)
    expect(first.summary).toContain('## go-path-arbiter: ✅ exit code 0 (consistent)')
    expect(first.summary).toContain('| PATH entry | cmd | go | notes |')
    expect(first.summary).toMatch(
      /\| cmd \| <code>C:&#92;[^|]*go\.exe<\/code> \| <code>go1\.\d+\.\d+<\/code> \|/,
    )
  })

  it('a second run is a cache hit: no download', async () => {
    const before = mirror.requests.length
    const again = await runAction(dirs, {
      'go-version': version,
      'go-download-base-url': mirror.baseUrl,
      shells: 'cmd',
    })
    expect(again.code).toBe(0)
    expect(again.outputs['go-downloaded']).toBe('false')
    expect(mirror.requests.slice(before)).toEqual([])
  })

  it('a planted go.exe earlier on the job PATH: the export puts GOROOT\\bin back in front (exit 0)', async () => {
    const planted = mkdtempSync(path.join(lane!.wineprefix, 'drive_c', 'gpa-planted-'))
    mkdirSync(path.join(planted, 'bin'))
    copyFileSync(path.join(lane!.goTree, 'bin', 'go.exe'), path.join(planted, 'bin', 'go.exe'))
    const r = await runAction(
      dirs,
      { 'go-version': version, 'go-download-base-url': mirror.baseUrl, shells: 'cmd' },
      { prependPath: [win(path.join(planted, 'bin'))] },
    )
    expect(r.code).toBe(0)
    const report = JSON.parse(readFileSync(unix(r.outputs.report), 'utf8')) as Report
    const cmd = report.probes.find((p) => p.shell === 'cmd')!
    expect(cmd.hits.go.map((h) => h.toLowerCase())).toEqual([
      `${r.outputs.goroot}\\bin\\go.exe`.toLowerCase(),
      `${win(planted)}\\bin\\go.exe`.toLowerCase(),
    ])
    expect(report.findings.map((f) => f.id)).toContain('go-several')
  })

  it('a planted go.exe that cmd finds before PATH (in the working directory) is exit code 1', async () => {
    const work = path.join(dirs.root, 'a', 'planted')
    mkdirSync(work, { recursive: true })
    copyFileSync(path.join(lane!.goTree, 'bin', 'go.exe'), path.join(work, 'go.exe'))
    const r = await runAction(dirs, {
      'go-version': version,
      'go-download-base-url': mirror.baseUrl,
      shells: 'cmd',
      'working-directory': win(work),
    })
    expect(r.code).toBe(1)
    expect(r.outputs['exit-code']).toBe('1')
    const report = JSON.parse(readFileSync(unix(r.outputs.report), 'utf8')) as Report
    const f = report.findings.find((x) => x.id === 'go-in-workdir')
    expect(f).toMatchObject({ severity: 'error', shells: ['cmd'] })
    expect(f!.message.toLowerCase()).toContain(`${win(work)}\\go.exe`.toLowerCase())
    expect(r.stdout).toContain('::error title=go-path-arbiter go-in-workdir::')
    // and a real cmd step there does run that file, not PATH's go
    const step = await cmdStep(dirs, r, 'go env GOROOT', work)
    expect(step.status).toBe(0)
  })

  it('an environment with both Path and PATH keys: no child sees the stale one (wine settles the pair at process start; the merge itself is unit-tested)', async () => {
    const stale = 'C:\\stale-path-entry'
    // a copied environment object with the runner's spelling next to Node's
    const run = await runAction(
      dirs,
      { 'go-version': version, 'go-download-base-url': mirror.baseUrl, shells: 'cmd' },
      { extraKeys: { Path: `${stale};C:\\windows\\system32;C:\\windows` } },
    )
    expect(run.code).toBe(0)
    const report = JSON.parse(readFileSync(unix(run.outputs.report), 'utf8')) as Report
    const seen = report.probes.find((p) => p.shell === 'cmd')!.view!.path
    const bin = `${run.outputs.goroot}\\bin`.toLowerCase()
    expect(seen.toLowerCase().startsWith(`${bin};`)).toBe(true)
    expect(seen.split(';').filter((e) => e.toLowerCase() === bin)).toHaveLength(1)
  })

  it('a go.com beside go.exe in GOROOT\\bin runs first in cmd (PATHEXT order within a folder): go-shadowed naming go.com', async () => {
    const d = runnerDirs()
    const inputs = { 'go-version': version, 'go-download-base-url': mirror.baseUrl, shells: 'cmd' }
    const r0 = await runAction(d, inputs)
    expect(r0.code).toBe(0)
    // a Windows program that is not go, named go.com: what cmd runs shows which one it took
    const bin = path.join(d.toolCache, 'go', version, 'x64', 'bin')
    copyFileSync(
      path.join(lane!.wineprefix, 'drive_c', 'windows', 'system32', 'hostname.exe'),
      path.join(bin, 'go.com'),
    )
    const r = await runAction(d, inputs)
    expect(r.code).toBe(1)
    const report = JSON.parse(readFileSync(unix(r.outputs.report), 'utf8')) as Report
    const f = report.findings.find((x) => x.id === 'go-shadowed')!
    expect(f.shells).toEqual(['cmd'])
    expect(f.message.toLowerCase()).toContain(
      `${r.outputs.goroot}\\bin\\go.com comes before the exported`.toLowerCase(),
    )
    expect(f.message).toContain('in the same folder')
    expect(report.findings.map((x) => x.id)).not.toContain('go-fails')
    // a real cmd step does run go.com, not go.exe
    const step = await cmdStep(d, r, 'go version')
    expect(`${step.stdout}${step.stderr}`).not.toContain(`go version ${lane!.goVersion}`)
    expect(`${step.stdout}${step.stderr}`).toMatch(/hostname/i)
  })

  it("the README's re-check later in the job (install: false, PATH already holding the exports): no false duplicate", async () => {
    const again = await runAction(
      dirs,
      { 'go-version': version, install: 'false', shells: 'cmd' },
      // the runner puts the first run's GITHUB_PATH lines in front of this step's PATH
      { prependPath: [...first.pathLines].reverse() },
    )
    expect(again.code).toBe(0)
    const report = JSON.parse(readFileSync(unix(again.outputs.report), 'utf8')) as Report
    expect(report.findings.map((f) => f.id)).not.toContain('path-duplicate')
    const seen = report.probes
      .find((p) => p.shell === 'cmd')!
      .view!.path.toLowerCase()
      .split(';')
    expect(seen.filter((e) => e === `${first.outputs.goroot}\\bin`.toLowerCase())).toHaveLength(1)
    expect(again.summary).not.toContain('repeated')
  })

  /** wine's reg, from this side. */
  const wineRun = (args: string[]) =>
    new Promise<number | null>((resolve) =>
      spawn('wine', args, { env: wineEnv(), stdio: 'ignore' }).on('close', resolve),
    )
  const regAdd = (key: string, name: string, type: string, data: string) =>
    wineRun(['reg', 'add', key, '/v', name, '/t', type, '/d', data, '/f'])
  const cliJson = async (args: string[]) => {
    const r = await harness(dirs, {
      kind: 'cli',
      dist: win(cliBundle()),
      args: ['--json', '--no-modules', ...args],
      cwd: win(dirs.workspace),
      vars: {},
    })
    return { code: r.status, report: JSON.parse(r.stdout) as CliReport, stderr: r.stderr }
  }
  const profileDir = () => path.join(lane!.wineprefix, 'drive_c', 'users', os.userInfo().username)

  /**
   * A Windows Go on the user Path for `body`: the lane's tree copied into the profile as
   * `gpa-go-<tag>`, `%USERPROFILE%\<name>\bin` as a REG_EXPAND_SZ Path; both taken away after.
   */
  const withWindowsGo = async (body: (name: string, raw: string) => Promise<void>) => {
    const name = `gpa-go-${Math.random().toString(16).slice(2, 8)}`
    const raw = `%USERPROFILE%\\${name}\\bin`
    cpSync(lane!.goTree, path.join(profileDir(), name), { recursive: true })
    try {
      expect(await regAdd('HKCU\\Environment', 'Path', 'REG_EXPAND_SZ', raw)).toBe(0)
      await body(name, raw)
    } finally {
      await wineRun(['reg', 'delete', 'HKCU\\Environment', '/v', 'Path', '/f'])
      rmSync(path.join(profileDir(), name), { recursive: true, force: true })
    }
  }

  it("the CLI builds a new terminal's environment from the registry (wine's reg): a REG_EXPAND_SZ user Path, %USERPROFILE% expanded, its go the reference", async () => {
    await withWindowsGo(async (name, raw) => {
      const { report } = await cliJson(['--shells', 'cmd'])
      expect(report.reference.program.toLowerCase()).toBe(
        `c:\\users\\${os.userInfo().username}\\${name}\\bin\\go.exe`.toLowerCase(),
      )
      expect(report.reference.how).toBe('the go every new terminal runs')
      expect(report.reference.entry!.origin).toMatchObject({
        where: 'user PATH in the registry (HKCU\\Environment\\Path)',
        registry: { key: 'HKCU\\Environment', name: 'Path', kind: 'REG_EXPAND_SZ', raw },
      })
      const cmd = report.origins.find((o) => o.shell === 'cmd')!
      // the value's name as the registry spells it (wine: PATH, Windows: Path)
      expect(cmd.entries.find((e) => /system32$/i.test(e.entry))!.origin.where).toMatch(
        /^machine PATH in the registry \(HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment\\Path\)$/i,
      )
      expect(report.findings.filter((f) => f.severity === 'error')).toEqual([])
    })
  })

  /**
   * WSL from the CLI on Windows: a cross-built stand-in for wsl.exe in C:\windows\system32
   * (__fixtures__/windows/wsl-standin: it answers as wsl.exe does and runs the command in this
   * machine's real bash, with the distribution's HOME from wsl-standin.json beside it), and
   * the distributions registered under HKCU\...\Lxss with wine's reg.
   */
  const withWslStandin = async (
    distros: Array<Record<string, unknown>>,
    registered: string[],
    body: () => Promise<void>,
  ) => {
    const sys32 = path.join(lane!.wineprefix, 'drive_c', 'windows', 'system32')
    const exe = path.join(sys32, 'wsl.exe')
    buildStandin('wsl-standin', exe)
    writeFileSync(path.join(sys32, 'wsl-standin.json'), JSON.stringify({ distros }))
    const lxss = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Lxss'
    const ids = registered.map((_, i) => `{0000000${i}-1111-4222-8333-444444444444}`)
    try {
      for (const [i, name] of registered.entries())
        expect(await regAdd(`${lxss}\\${ids[i]}`, 'DistributionName', 'REG_SZ', name)).toBe(0)
      if (ids[0]) expect(await regAdd(lxss, 'DefaultDistribution', 'REG_SZ', ids[0])).toBe(0)
      await body()
    } finally {
      await wineRun(['reg', 'delete', lxss, '/f'])
      rmSync(exe, { force: true })
      rmSync(path.join(sys32, 'wsl-standin.json'), { force: true })
    }
  }

  /** A Linux go in DIR/bin that answers `go env -json` and `go env GOROOT GOVERSION` as Go V. */
  const linuxGo = (dir: string, v: string) => {
    mkdirSync(path.join(dir, 'bin'), { recursive: true })
    writeFileSync(
      path.join(dir, 'bin', 'go'),
      `#!/bin/sh\nif [ "$2" = -json ]; then printf '{"GOROOT":"%s","GOPATH":"%s/go","GOVERSION":"go${v}"}\\n' '${dir}' "$HOME"; else printf '%s\\ngo${v}\\n' '${dir}'; fi\n`,
      { mode: 0o755 },
    )
    return path.join(dir, 'bin')
  }

  /** A distribution in the stand-in's list: user `me`, login shell bash. */
  const bashDistro = (
    name: string,
    home: string,
    path = '/usr/bin:/bin',
    more: Record<string, unknown> = {},
  ) => ({ name, home, user: 'me', shell: '/bin/bash', path, ...more })

  /** A distribution's home (`<root>/<dir>/me`) whose ~/.profile puts a Linux Go V first. */
  const linuxDistro = (root: string, dir: string, v: string, profile: (bin: string) => string) => {
    const home = path.join(root, dir, 'me')
    mkdirSync(home, { recursive: true })
    const bin = linuxGo(path.join(root, dir, 'linux-go'), v)
    writeFileSync(path.join(home, '.profile'), profile(bin))
    return { home, bin }
  }

  it("WSL, the third shell (a wsl.exe stand-in that runs this machine's bash as each distribution): under auto every registered distribution is a row, the default one as wsl, Debian as wsl:Debian; each new terminal runs the go its own ~/.profile puts first, with that go's version and the line that put it there; wsl-go-version only for the row whose Go is not the Windows reference's version (a WSL that never answers: the next test)", async () => {
    await withWindowsGo(async (name) => {
      const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-wsl-lane-'))
      const { home, bin } = linuxDistro(
        root,
        'home',
        '1.21.3',
        (b) => `# the distribution's own\nexport PATH="${b}:$PATH"\n`,
      )
      // Debian: a Linux Go of the reference's version, first on PATH by its own ~/.profile
      const debian = linuxDistro(
        root,
        'debian',
        lane!.goVersion.replace(/^go/, ''),
        (b) => `export PATH="${b}:$PATH"\n`,
      )
      const [debianHome, debianBin] = [debian.home, debian.bin]
      try {
        await withWslStandin(
          [
            bashDistro('Ubuntu', home, '/usr/local/bin:/usr/bin:/bin'),
            bashDistro('Debian', debianHome),
          ],
          ['Ubuntu', 'Debian'],
          async () => {
            const { code, report } = await cliJson([])
            const r = report as unknown as CliReport & Report
            const debian = r.probes.find(
              (p) => p.shell === 'wsl:Debian',
            )! as Report['probes'][number] & {
              runs?: string
              commandLine?: string
            }
            expect(debian.status).toBe('ok')
            expect(debian.commandLine).toMatch(/wsl\.exe --distribution Debian --exec sh -c/i)
            expect(debian.runs).toBe(`${debianBin}/go`)
            expect((debian as { goEnv?: { GOVERSION?: string } }).goEnv?.GOVERSION).toBe(
              lane!.goVersion,
            )
            expect(
              r.origins
                .find((o) => o.shell === 'wsl:Debian')!
                .entries.find((e) => e.entry === debianBin)!.origin.where,
            ).toMatch(/\.profile:1$/)
            expect(r.probes.map((p) => p.shell).slice(-2)).toEqual(['wsl', 'wsl:Debian'])
            // Debian runs the reference's version: no finding of its own about its Go
            const ofDebian = (r as Report).findings.filter((x) => x.shells.includes('wsl:Debian'))
            expect(ofDebian.map((x) => x.id)).not.toContain('wsl-go-version')
            expect(
              ofDebian.filter((x) => x.shells.length === 1 && x.severity !== 'notice'),
            ).toEqual([])
            const wsl = r.probes.find((p) => p.shell === 'wsl')! as Report['probes'][number] & {
              runs?: string
              commandLine?: string
            }
            expect(wsl.status).toBe('ok')
            expect(wsl.commandLine).toMatch(/wsl\.exe --distribution Ubuntu --exec sh -c/i)
            expect(wsl.runs).toBe(`${bin}/go`)
            const origin = r.origins.find((o) => o.shell === 'wsl')!
            // what wsl.exe gave the login shell (the stand-in's distribution PATH)
            expect(origin.entries.find((e) => e.entry === '/usr/local/bin')!.origin.where).toBe(
              "the distribution's login environment (as wsl.exe starts its shell)",
            )
            expect(origin.entries.find((e) => e.entry === bin)!.origin.where).toMatch(
              new RegExp(
                `${home.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\.profile:2|~/\\.profile:2`,
              ),
            )
            const f = (r as Report).findings.find((x) => x.id === 'wsl-go-version')!
            expect(f.shells).toEqual(['wsl'])
            expect(f.message).toBe(
              `wsl: go is ${bin}/go, Go 1.21.3, where every shell should run Go ${lane!.goVersion.replace(/^go/, '')}`,
            )
            // the reference stays the Windows go: a Linux Go is no candidate for it
            expect(r.reference.program.toLowerCase()).toContain(`${name}\\bin\\go.exe`)
            expect(code).toBe(1)
          },
        )
      } finally {
        rmSync(root, { recursive: true, force: true })
      }
    })
  })

  it("a WSL distribution that never answers (the Windows-built wsl.exe stand-in, hang: true, as a VM that does not start): the WSL row is a timeout at --probe-timeout, named in shell-timeout, and the CLI ends with the stand-in ended (wine's taskkill has no /T: the process itself is ended then)", async () => {
    await withWindowsGo(async () => {
      const home = mkdtempSync(path.join(os.tmpdir(), 'gpa-wsl-lane-'))
      const standins = () =>
        spawnSync('sh', ['-c', 'ps -eo args | grep -ci "[s]ystem32.wsl.exe" || true'], {
          encoding: 'utf8',
        }).stdout.trim()
      try {
        await withWslStandin(
          [bashDistro('Ubuntu', home, '/usr/bin:/bin', { hang: true })],
          ['Ubuntu'],
          async () => {
            const { report } = await cliJson(['--shells', 'cmd,wsl', '--probe-timeout', '3'])
            const r = report as unknown as CliReport & Report
            const wsl = r.probes.find((p) => p.shell === 'wsl')! as unknown as {
              status: string
              durationMs: number
            }
            expect(wsl.status).toBe('timeout')
            expect(wsl.durationMs).toBeGreaterThanOrEqual(3000)
            const timeout = r.findings.find((f) => f.id === 'shell-timeout') as unknown as {
              shells: string[]
            }
            expect(timeout.shells).toEqual(['wsl'])
            expect(r.probes.find((p) => p.shell === 'cmd')!.status).toBe('ok')
            expect(standins()).toBe('0')
          },
        )
      } finally {
        rmSync(home, { recursive: true, force: true })
      }
    })
  })

  it("cmd's AutoRun as a terminal's cmd runs it: each &-segment named for what it changed (wine's cmd runs no AutoRun itself, so the CLI runs it, as Windows does, under /D)", async () => {
    const key = 'HKCU\\Software\\Microsoft\\Command Processor'
    const autorun = `set PATH=C:\\gpa-autorun;%PATH% & set GOFLAGS=-mod=mod`
    await withWindowsGo(async () => {
      expect(await regAdd(key, 'AutoRun', 'REG_SZ', autorun)).toBe(0)
      try {
        const { report } = await cliJson(['--shells', 'cmd'])
        const cmd = report.origins.find((o) => o.shell === 'cmd')!
        expect(cmd.entries[0]).toEqual({
          entry: 'C:\\gpa-autorun',
          origin: expect.objectContaining({
            layer: 'autorun',
            where: `cmd AutoRun (${key}\\AutoRun, segment 1: set PATH=C:\\gpa-autorun;%PATH%)`,
          }),
        })
        expect(cmd.vars.GOFLAGS.where).toBe(
          `cmd AutoRun (${key}\\AutoRun, segment 2: set GOFLAGS=-mod=mod)`,
        )
      } finally {
        await wineRun(['reg', 'delete', key, '/v', 'AutoRun', '/f'])
      }
    })
  })
  /** wine's reg query of one value: its type and raw data. */
  const regValue = (key: string, name: string) =>
    new Promise<{ type: string; data: string } | null>((resolve) => {
      const child = spawn('wine', ['reg', 'query', key, '/v', name], { env: wineEnv() })
      let out = ''
      child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')))
      child.on('close', () => {
        const line = out.split(/\r?\n/).find((l) => new RegExp(`^\\s+${name}\\s+REG_`, 'i').test(l))
        const m = line && /^\s+\S+\s+(REG_[A-Z_]+)\s+(.*)$/.exec(line)
        resolve(m ? { type: m[1], data: m[2] } : null)
      })
    })
  const cliText = (args: string[]) =>
    harness(dirs, { kind: 'cli', dist: win(cliBundle()), args, cwd: win(dirs.workspace), vars: {} })
  const user = os.userInfo().username

  it("--apply on the user PATH (wine's reg): only the entry at fault goes, REG_EXPAND_SZ and every %USERPROFILE% kept, the rest untouched; --fix prints the same edit; --undo restores the value", async () => {
    const tag = Math.random().toString(16).slice(2, 8)
    const [ref, old] = [`gpa-ref-${tag}`, `gpa-old-${tag}`]
    cpSync(lane!.goTree, path.join(profileDir(), ref), { recursive: true })
    cpSync(lane!.goTree, path.join(profileDir(), old), { recursive: true })
    const raw = `%USERPROFILE%\\${old}\\bin;%USERPROFILE%\\${ref}\\bin;C:\\gpa-keep`
    const args = ['--no-modules', '--shells', 'cmd', '--go', `C:\\users\\${user}\\${ref}`]
    expect(await regAdd('HKCU\\Environment', 'Path', 'REG_EXPAND_SZ', raw)).toBe(0)
    try {
      const fix = await cliText(['--fix', ...args])
      expect(fix.stdout).toContain('[PowerShell]')
      expect(fix.stdout).toContain(`GpaEditPath $old @('%USERPROFILE%\\${old}\\bin')`)
      const r = await cliText(['--apply', '--yes', ...args])
      expect(r.stdout).toContain(`- %USERPROFILE%\\${old}\\bin`)
      expect(await regValue('HKCU\\Environment', 'Path')).toEqual({
        type: 'REG_EXPAND_SZ',
        // and GOPATH/bin, missing, added at the end the way the Go installer writes it
        data: `%USERPROFILE%\\${ref}\\bin;C:\\gpa-keep;%USERPROFILE%\\go\\bin`,
      })
      // wine's powershell is a stub: the broadcast is said to have failed, and how to get by
      expect(r.stdout).toMatch(/could not broadcast WM_SETTINGCHANGE|sent WM_SETTINGCHANGE/)
      expect(r.stdout).toMatch(/New terminals checked again: exit code 0/)
      expect(r.status).toBe(0)
      const u = await cliText(['--undo'])
      expect(u.status).toBe(0)
      expect(await regValue('HKCU\\Environment', 'Path')).toEqual({
        type: 'REG_EXPAND_SZ',
        data: raw,
      })
    } finally {
      await wineRun(['reg', 'delete', 'HKCU\\Environment', '/v', 'Path', '/f'])
    }
  })

  it("--apply for cmd's AutoRun (wine's reg and cmd): a last segment that calls an owned file, what was chained in kept; --fix prints the segment's removal; --undo restores the value and removes the file", async () => {
    const tag = Math.random().toString(16).slice(2, 8)
    const ref = `gpa-ref-${tag}`
    cpSync(lane!.goTree, path.join(profileDir(), ref), { recursive: true })
    const planted = path.join(lane!.wineprefix, 'drive_c', `gpa-autorun-${tag}`)
    mkdirSync(planted)
    copyFileSync(path.join(lane!.goTree, 'bin', 'go.exe'), path.join(planted, 'go.exe'))
    const key = 'HKCU\\Software\\Microsoft\\Command Processor'
    const autorun = `set PATH=C:\\gpa-autorun-${tag};%PATH% & set GOFLAGS=-mod=mod`
    expect(
      await regAdd('HKCU\\Environment', 'Path', 'REG_EXPAND_SZ', `%USERPROFILE%\\${ref}\\bin`),
    ).toBe(0)
    expect(await regAdd(key, 'AutoRun', 'REG_SZ', autorun)).toBe(0)
    const owned = path.join(profileDir(), 'AppData', 'Local', 'go-path-arbiter', 'autorun.cmd')
    try {
      const fix = await cliText(['--fix', '--no-modules', '--shells', 'cmd'])
      expect(fix.stdout).toContain(`$drop = 'set PATH=C:\\gpa-autorun-${tag};%PATH%'`)
      const r = await cliText(['--apply', '--yes', '--no-modules', '--shells', 'cmd'])
      expect(await regValue(key, 'AutoRun')).toEqual({
        type: 'REG_SZ',
        data: `${autorun} & call "%LOCALAPPDATA%\\go-path-arbiter\\autorun.cmd"`,
      })
      const text = readFileSync(owned, 'utf8')
      expect(
        text
          .split('\n')
          .slice(0, -1)
          .every((l) => l.endsWith('\r') && l.startsWith('@')),
      ).toBe(true)
      expect(r.stdout).toMatch(/New terminals checked again: exit code 0/)
      expect(r.status).toBe(0)
      expect((await cliText(['--undo'])).status).toBe(0)
      expect(await regValue(key, 'AutoRun')).toEqual({ type: 'REG_SZ', data: autorun })
      expect(existsSync(owned)).toBe(false)
    } finally {
      await wineRun(['reg', 'delete', key, '/v', 'AutoRun', '/f'])
      await wineRun(['reg', 'delete', 'HKCU\\Environment', '/v', 'Path', '/f'])
    }
  })

  it("--apply through wsl.exe (the Windows-built stand-in runs this machine's sh as the distribution): the block goes at the end of the distribution's ~/.profile with a Linux Go of the reference's version first, written by a script inside it, never through \\\\wsl$; a new WSL terminal then runs that version; --undo restores ~/.profile byte for byte; before it, --go wsl:PATH holds the WSL row to the Linux Go at PATH (looked up inside the distribution) and the Windows shells to a Windows Go of its version", async () => {
    await withWindowsGo(async (name) => {
      const version = lane!.goVersion.replace(/^go/, '')
      const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-wsl-lane-'))
      const home = path.join(root, 'home', 'me')
      mkdirSync(home, { recursive: true })
      // a Linux go of each version: `go env -json` as the probe asks, `go env A B` as --apply looks
      const other = linuxGo(path.join(root, 'linux-go'), '1.21.3')
      linuxGo(path.join(home, 'sdk', `go${version}`), version)
      const profile = path.join(home, '.profile')
      const original = Buffer.from(`# the distribution's own\r\nexport PATH="${other}:$PATH"\n`)
      writeFileSync(profile, original)
      try {
        await withWslStandin([bashDistro('Ubuntu', home)], ['Ubuntu'], async () => {
          const args = ['--no-modules', '--shells', 'cmd,wsl']
          const sdk = path.join(home, 'sdk', `go${version}`)
          const held = await cliJson([...args, '--go', `wsl:${sdk}`])
          const h = held.report as unknown as CliReport & Report
          expect(h.reference.program.toLowerCase()).toContain(`${name}\\bin\\go.exe`)
          expect(h.reference.how).toBe(
            `--go wsl:${sdk} (Go ${version} at ${sdk} in WSL Ubuntu; on Windows the go of that version)`,
          )
          const ofWsl = (h as Report).findings.filter((f) => f.shells.includes('wsl'))
          expect(ofWsl.map((f) => f.id)).toContain('wsl-go-version')
          expect(ofWsl.some((f) => f.message.includes(`${sdk}/bin/go`))).toBe(true)
          const missing = await cliText([...args, '--go', 'wsl:/opt/nogo'])
          expect(missing.status).toBe(1)
          expect(missing.stderr).toContain(
            '--go: "wsl:/opt/nogo": no go that answers `go env` is at /opt/nogo in WSL Ubuntu (found: ',
          )
          const fix = await cliText(['--fix', ...args])
          expect(fix.stdout).toContain('go-path-arbiter --apply --shells wsl:Ubuntu')
          expect(fix.stdout).toContain('(WSL Ubuntu: ~/.profile: the Linux Go')
          const r = await cliText(['--apply', '--yes', ...args])
          expect(r.stdout).toContain('change WSL Ubuntu: ~/.profile [wsl]: ')
          expect(r.stdout).toContain('✓ WSL Ubuntu: ~/.profile')
          expect(r.stdout).toMatch(/fixed {2}wsl-go-version \[wsl\]/)
          const text = readFileSync(profile, 'utf8')
          expect(text.startsWith(`# the distribution's own\nexport PATH="${other}:$PATH"\n`)).toBe(
            true,
          )
          expect(text).toContain('# >>> go-path-arbiter >>>')
          const { report } = await cliJson(args)
          const after = report as unknown as CliReport & Report
          const wsl = after.probes.find((p) => p.shell === 'wsl')!
          expect(wsl.status).toBe('ok')
          expect(after.findings.map((f) => f.id)).not.toContain('wsl-go-version')
          const u = await cliText(['--undo'])
          expect(u.stdout).toContain(`restored ${profile} (WSL Ubuntu)`)
          expect(u.status).toBe(0)
          expect(readFileSync(profile)).toEqual(original)
        })
      } finally {
        rmSync(root, { recursive: true, force: true })
      }
    })
  })

  it("the faster drive (a D: in wine's dosdevices, RUNNER_ENVIRONMENT=github-hosted): Go unpacked on D:, GOCACHE and GOMODCACHE there; wine makes no junctions, so the C: link is reported as not made (windows-latest checks the junction: .github/workflows/test.yml)", async () => {
    const dRoot = mkdtempSync(path.join(os.tmpdir(), 'gpa-drive-d-'))
    const device = path.join(lane!.wineprefix, 'dosdevices', 'd:')
    rmSync(device, { force: true })
    symlinkSync(dRoot, device)
    driveD = dRoot
    try {
      const c = runnerDirs()
      // the hosted image: the tool cache on C:, the workspace and RUNNER_TEMP on D:
      const d = {
        ...c,
        temp: path.join(dRoot, 'a', '_temp'),
        workspace: path.join(dRoot, 'a', 'repo'),
      }
      for (const dir of [d.temp, d.workspace]) mkdirSync(dir, { recursive: true })
      const inputs = {
        'go-version': version,
        'go-download-base-url': mirror.baseUrl,
        shells: 'cmd',
        'check-modules': 'false',
      }
      const r = await runAction(d, inputs, { extraKeys: { RUNNER_ENVIRONMENT: 'github-hosted' } })
      expect(r.code).toBe(0)
      const onD = `D:${win(c.toolCache).slice(2)}\\go\\${version}\\x64`
      expect(r.stdout).toContain('The faster drive: Go under D:')
      expect(r.outputs.goroot).toBe(onD)
      expect(existsSync(path.join(unix(onD), 'bin', 'go.exe'))).toBe(true)
      expect(r.env).toMatchObject({
        GOROOT: onD,
        GOCACHE: 'D:\\go-path-arbiter\\go-build',
        GOMODCACHE: 'D:\\go-path-arbiter\\pkg\\mod',
      })
      expect(r.outputs.gocache).toBe('D:\\go-path-arbiter\\go-build')
      expect(r.stdout).toMatch(
        /Could not link .*hostedtoolcache.* \(ENOTSUP\): a later set-up on this runner unpacks Go again/,
      )
      // nothing on C: looks like a complete Go the next set-up would trust
      expect(existsSync(path.join(c.toolCache, 'go', version, 'x64.complete'))).toBe(false)
      const step = await cmdStep(d, r, '@go env GOROOT GOCACHE')
      expect(step.stdout.split(/\r?\n/).filter(Boolean)).toEqual([
        onD,
        'D:\\go-path-arbiter\\go-build',
      ])
      const off = await runAction(
        d,
        { ...inputs, 'fast-drive': 'false' },
        { extraKeys: { RUNNER_ENVIRONMENT: 'github-hosted' } },
      )
      expect(off.outputs.goroot).toBe(`${win(c.toolCache)}\\go\\${version}\\x64`)
      expect(off.env.GOCACHE).toBeUndefined()
      const selfHosted = await runAction(d, inputs, {
        extraKeys: { RUNNER_ENVIRONMENT: 'self-hosted' },
      })
      expect(selfHosted.stdout).toContain(
        "Everything stays on the tool cache's drive: a self-hosted runner",
      )
    } finally {
      rmSync(device, { force: true })
      driveD = undefined
    }
  })

  it("an msys2 step's launch as the runner starts it (wine's cmd): setup-msys2's wrapper found through PATHEXT in a folder with a space, started through cmd /s /c, its MSYS2_PATH_TYPE default and a step's own kept; MSYS2's bash itself runs only on GitHub's runners, so a cross-built stand-in for it reports what it was started with", async () => {
    const c = runnerDirs()
    const d = { ...c, temp: path.join(c.root, 'run temp') }
    mkdirSync(d.temp, { recursive: true })
    const root = path.join(c.root, 'msys64')
    const bash = path.join(root, 'usr', 'bin', 'bash.exe')
    mkdirSync(path.dirname(bash), { recursive: true })
    buildStandin('msys2-standin', bash)
    // the wrapper as setup-msys2 v2.32.0 writes it, in RUNNER_TEMP\setup-msys2
    const wrapperDir = path.join(d.temp, 'setup-msys2')
    mkdirSync(wrapperDir)
    writeFileSync(
      path.join(wrapperDir, 'msys2.cmd'),
      [
        '@echo off',
        'setlocal',
        'IF NOT DEFINED MSYSTEM set MSYSTEM=MINGW64',
        'IF NOT DEFINED MSYS2_PATH_TYPE set MSYS2_PATH_TYPE=minimal',
        'set CHERE_INVOKING=1',
        `${win(bash)} -leo pipefail %*`,
      ].join('\r\n'),
    )
    const inputs = {
      'go-version': version,
      'go-download-base-url': mirror.baseUrl,
      shells: 'msys2',
      'check-modules': 'false',
      'fail-on': 'never',
    }
    const probeOf = (r: WinRun) => {
      const report = JSON.parse(readFileSync(unix(r.outputs.report), 'utf8')) as {
        probes: Array<{
          shell: string
          status: string
          executable: string
          stdout: string
          view: { msys: { msystem: string; pathType: string | null; root: string } }
        }>
      }
      return report.probes.find((p) => p.shell === 'msys2')!
    }
    const r = await runAction(d, inputs, {
      prependPath: [win(wrapperDir)],
      extraKeys: { MSYSTEM: 'UCRT64' },
    })
    const p = probeOf(r)
    expect(p.status).toBe('ok')
    expect(p.executable.toLowerCase()).toBe(`${win(wrapperDir)}\\msys2.cmd`.toLowerCase())
    const args = /:ARGS\r?\n(-leo)\r?\n(pipefail)\r?\n(.*)\r?\n/.exec(p.stdout)!
    expect(args[3]).toMatch(
      /^C:\\gpa-run-[^\\]+\\run temp\\go-path-arbiter\\.*probe-msys2-GPA[0-9a-f]+\.sh$/,
    )
    expect(p.stdout).toMatch(/:CHERE_INVOKING\r?\n1\r?\n/)
    expect(p.view.msys).toEqual({
      msystem: 'UCRT64',
      pathType: 'minimal',
      root: win(root).replace(/\\/g, '/'),
    })
    // a step's own MSYS2_PATH_TYPE wins over the wrapper's default (IF NOT DEFINED)
    const inherit = await runAction(d, inputs, {
      prependPath: [win(wrapperDir)],
      extraKeys: { MSYSTEM: 'UCRT64', MSYS2_PATH_TYPE: 'inherit' },
    })
    expect(probeOf(inherit).view.msys.pathType).toBe('inherit')
  })
})

laneDescribe(
  'Windows lane (wine): the windows-x64 single executable, built with the Node wine starts',
  () => {
    let exe = ''
    beforeAll(async () => {
      const { buildExe } = await import('../../scripts/build-exe.mjs')
      const out = mkdtempSync(path.join(os.tmpdir(), 'gpa-release-win-'))
      // Node 24 and later do not start under this wine: the lane's own Node version
      const built = await buildExe({ node: lane!.nodeVersion, targets: ['windows-x64'], out })
      const zip = path.join(built.out, built.names[0])
      const dir = path.join(
        lane!.wineprefix,
        'drive_c',
        `gpa-exe-${Math.random().toString(16).slice(2, 8)}`,
      )
      mkdirSync(dir)
      const { default: yauzl } = await import('yauzl')
      await new Promise<void>((resolve, reject) =>
        yauzl.open(zip, { lazyEntries: true }, (err, z) => {
          if (err) return reject(err)
          z.on('entry', (e: { fileName: string }) =>
            z.openReadStream(e as never, (err2, rs) => {
              if (err2) return reject(err2)
              rs.pipe(createWriteStream(path.join(dir, e.fileName))).on('close', () =>
                z.readEntry(),
              )
            }),
          )
          z.on('end', resolve)
          z.readEntry()
        }),
      )
      exe = path.join(dir, 'go-path-arbiter.exe')
    }, 300_000)

    const wineExe = (args: string[]) => wineProgram(exe, args, os.tmpdir(), wineEnv())
    const wineReg = (args: string[]) =>
      new Promise<number | null>((resolve) =>
        spawn('wine', ['reg', ...args], { env: wineEnv(), stdio: 'ignore' }).on('close', resolve),
      )

    it('--version', async () => {
      const r = await wineExe(['--version'])
      expect(r.stdout.trim()).toBe(
        `go-path-arbiter ${(JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version}`,
      )
      expect(r.code).toBe(0)
    })

    it("--json --shells cmd: a new cmd terminal's go from the registry's user Path (the lane's go.exe), exit code 0 as the contract gives, its probe script read from the executable itself", async () => {
      const name = `gpa-go-${Math.random().toString(16).slice(2, 8)}`
      const home = path.join(lane!.wineprefix, 'drive_c', 'users', os.userInfo().username)
      cpSync(lane!.goTree, path.join(home, name), { recursive: true })
      const raw = `%USERPROFILE%\\${name}\\bin`
      expect(
        await wineReg([
          'add',
          'HKCU\\Environment',
          '/v',
          'Path',
          '/t',
          'REG_EXPAND_SZ',
          '/d',
          raw,
          '/f',
        ]),
      ).toBe(0)
      try {
        const r = await wineExe(['--json', '--no-modules', '--shells', 'cmd'])
        const report = JSON.parse(r.stdout) as {
          processExitCode: number
          reference: { program: string }
          probes: Array<{ shell: string; status: string }>
        }
        expect(report.reference.program.toLowerCase()).toBe(
          `c:\\users\\${os.userInfo().username}\\${name}\\bin\\go.exe`.toLowerCase(),
        )
        expect(report.probes.map((p) => [p.shell, p.status])).toEqual([['cmd', 'ok']])
        expect(r.code).toBe(report.processExitCode)
        expect(r.code).toBe(0)
      } finally {
        await wineReg(['delete', 'HKCU\\Environment', '/v', 'Path', '/f'])
      }
    })
  },
)
