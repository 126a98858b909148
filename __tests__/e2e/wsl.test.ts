/**
 * WSL on this Linux machine: `__fixtures__/wsl/wsl` stands in for wsl.exe (the distribution
 * is this machine, only WSLENV-listed variables cross, the "Windows" PATH is appended, its
 * messages are UTF-16LE unless WSL_UTF8=1). The scripts that run inside the distribution,
 * the BASH_ENV script and the probe are the real ones, run by real sh and bash.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { goArchive, indexFor, type GoArchive } from '../../__fixtures__/go-archive.js'
import { startMirror, type Mirror } from '../helpers/mirror.js'
import { repoRoot } from '../helpers/action.js'
import { createFetcher } from '../../src/download/http.js'
import { parseArch } from '../../src/go/platform.js'
import { fetchIndex } from '../../src/download/release-index.js'
import { runCheck } from '../../src/check/run-check.js'
import { exitCode } from '../../src/findings/exit-code.js'
import { runProcess } from '../../src/processes/run.js'
import { wslShell } from '../../src/shells/wsl.js'
import { mergeWslenv, WSL_PASS_THROUGH, wslenvEntries } from '../../src/wsl/plan.js'
import { createWslRunner, provisionWsl, type WslOptions } from '../../src/wsl/provision.js'
import { setupWsl } from '../../src/wsl/setup.js'
import { describeWith } from '../helpers/tools.js'

describeWith(
  ['go'],
  'WSL, end to end (the action bundle, a real Go archive, a wsl.exe stand-in)',
  () => {
    const fakeDir = path.join(repoRoot, '__fixtures__', 'wsl')
    const fakeWsl = path.join(fakeDir, 'wsl')
    let archive: GoArchive
    let mirror: Mirror
    let root: string
    let home: string
    /** a "Windows" Go folder as WSL shows it: /mnt/c/hostedtoolcache/... holding go.exe */
    let windowsGoBin: string

    beforeAll(async () => {
      archive = goArchive()
      mirror = await startMirror(indexFor(archive), { [archive.filename]: archive.file })
      root = mkdtempSync(path.join(os.tmpdir(), 'gpa-wsl-'))
      home = path.join(root, 'home')
      mkdirSync(home)
      windowsGoBin = path.join(
        root,
        'mnt',
        'c',
        'hostedtoolcache',
        'windows',
        'go',
        archive.version,
        'x64',
        'bin',
      )
      mkdirSync(windowsGoBin, { recursive: true })
      for (const f of ['go.exe', 'gofmt.exe']) {
        writeFileSync(path.join(windowsGoBin, f), 'MZ not a Linux program')
        execFileSync('chmod', ['+x', path.join(windowsGoBin, f)])
      }
    })
    afterAll(async () => {
      await mirror.close()
    })

    /** The distribution's PATH: its own folders, then the appended Windows ones. */
    const distroPath = () => `${fakeDir}:/usr/local/bin:/usr/bin:/bin:${windowsGoBin}`

    function wslEnv(more: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
      return {
        PATH: process.env.PATH,
        FAKE_WSL_PATH: distroPath(),
        FAKE_WSL_HOME: home,
        ...more,
      }
    }

    function options(env: NodeJS.ProcessEnv, more: Partial<WslOptions> = {}): WslOptions {
      const fetcher = createFetcher({ token: '', log: () => {} })
      const temp = path.join(root, 'temp')
      return {
        run: createWslRunner(fakeWsl, env, 'linux'),
        distro: '',
        user: '',
        version: archive.version,
        arch: parseArch(archive.goarch),
        temp,
        timeoutMs: 20_000,
        installTimeoutMs: 60_000,
        releases: () => fetchIndex(fetcher, mirror.baseUrl),
        fetcher,
        baseUrl: mirror.baseUrl,
        log: () => {},
        // the first folder cannot be created (a file is in the way), so the second one is used
        bases: [path.join(root, 'not-a-dir', 'x'), path.join(root, 'base')],
        ...more,
      }
    }

    describe('provisioning the Linux Go inside the distribution', () => {
      beforeAll(() => writeFileSync(path.join(root, 'not-a-dir'), ''))

      it('downloads, verifies and unpacks once, then reuses it', async () => {
        const before = mirror.requests.length
        const first = await provisionWsl(options(wslEnv()))
        if (!first.ok) throw new Error(first.detail)
        const goroot = path.join(root, 'base', 'go', archive.version, archive.goarch)
        expect(first.tree).toEqual({
          base: path.join(root, 'base'),
          goroot,
          gopath: `${home}/go`,
          envScript: path.join(root, 'base', 'env.sh'),
        })
        expect(first.reused).toBe(false)
        expect(first.source).toBe(`${mirror.baseUrl}/${archive.filename}`)
        expect(existsSync(`${goroot}.complete`)).toBe(true)
        expect(existsSync(path.join(home, 'go', 'bin'))).toBe(true)
        expect(readFileSync(first.tree.envScript, 'utf8')).toContain(goroot)
        expect(mirror.requests.slice(before).some((r) => r.endsWith(archive.filename))).toBe(true)
        // no staging folder or archive left behind
        expect(
          execFileSync('ls', ['-A', path.join(root, 'base', 'go')], { encoding: 'utf8' }).trim(),
        ).toBe(archive.version)
        expect(
          existsSync(path.join(root, 'temp'))
            ? execFileSync('ls', ['-A', path.join(root, 'temp')], { encoding: 'utf8' }).trim()
            : '',
        ).toBe('')

        const again = mirror.requests.length
        const second = await provisionWsl(options(wslEnv()))
        expect(second.ok && second.reused).toBe(true)
        expect(mirror.requests.slice(again).filter((r) => r.endsWith('.tar.gz'))).toEqual([])
      })

      it('a checksum mismatch installs nothing and says why', async () => {
        const bad = await startMirror(indexFor(archive, { sha256: 'f'.repeat(64) }), {
          [archive.filename]: archive.file,
        })
        try {
          const o = options(wslEnv(), {
            baseUrl: bad.baseUrl,
            releases: () => fetchIndex(createFetcher({ token: '', log: () => {} }), bad.baseUrl),
            bases: [path.join(root, 'base-bad')],
          })
          const r = await provisionWsl(o)
          expect(r.ok).toBe(false)
          if (!r.ok) {
            expect(r.kind).toBe('failed')
            expect(r.detail).toMatch(/sha256 mismatch .*expected f{64}/)
          }
          expect(existsSync(path.join(root, 'base-bad', 'go', archive.version))).toBe(false)
        } finally {
          await bad.close()
        }
      })

      it.each([
        ['no distribution', { FAKE_WSL_DISTROS: '' }, /no installed distributions/],
        [
          'an old WSL answering in UTF-16LE',
          { FAKE_WSL_DISTROS: '', FAKE_WSL_UTF16: '1' },
          /no installed distributions/,
        ],
      ])('%s', async (_n, more, detail) => {
        const r = await provisionWsl(options(wslEnv(more)))
        expect(r.ok).toBe(false)
        if (!r.ok) {
          expect(r.kind).toBe('unavailable')
          expect(r.detail).toMatch(detail)
        }
      })

      it('a distribution that is not installed is named with the installed ones', async () => {
        const r = await provisionWsl(
          options(wslEnv({ FAKE_WSL_DISTROS: 'Ubuntu Debian' }), { distro: 'Alpine' }),
        )
        expect(r).toMatchObject({ ok: false, kind: 'unavailable' })
        if (!r.ok)
          expect(r.detail).toBe(
            'wsl-distribution: "Alpine" is not installed (installed: Ubuntu, Debian)',
          )
      })

      it('a hanging WSL becomes an answer within the timeout', async () => {
        const env = wslEnv({ FAKE_WSL_HANG: '1' })
        const start = Date.now()
        const r = await provisionWsl(options(env, { timeoutMs: 1500 }))
        // waits for the 1.5 s timeout and the kill; 15 s holds on a loaded 2-core machine
        expect(Date.now() - start).toBeLessThan(15_000)
        expect(r).toMatchObject({ ok: false, kind: 'failed' })
        if (!r.ok) expect(r.detail).toMatch(/did not answer \(timed out after 1500 ms\)/)
      })

      it('UTF-16LE from wsl.exe is decoded when WSL_UTF8 is ignored', async () => {
        const r = await runProcess(fakeWsl, ['--list', '--quiet'], {
          env: {
            ...wslEnv({ FAKE_WSL_UTF16: '1', FAKE_WSL_DISTROS: 'Ubuntu-24.04' }),
            WSL_UTF8: '1',
          },
          timeoutMs: 10_000,
          decode: 'auto',
        })
        expect(r.stdout).toBe('Ubuntu-24.04\r\n')
      })
    })

    describe('a later wsl-bash step', () => {
      let goroot: string
      let envScript: string
      beforeAll(async () => {
        const r = await provisionWsl(options(wslEnv()))
        if (!r.ok) throw new Error(r.detail)
        goroot = r.tree.goroot
        envScript = r.tree.envScript
      })

      /** What the runner starts for `shell: wsl-bash {0}`, with the job's exports applied. */
      function wslBashStep(script: string, exported: NodeJS.ProcessEnv) {
        const file = path.join(root, `step-${Math.random().toString(16).slice(2)}.sh`)
        writeFileSync(file, script)
        return spawnSync(fakeWsl, ['bash', '--noprofile', '--norc', '-euo', 'pipefail', file], {
          env: wslEnv(exported),
          encoding: 'utf8',
        })
      }

      const exported = () => ({
        BASH_ENV: envScript,
        WSLENV: mergeWslenv('USERPROFILE/p', wslenvEntries()),
        GOTOOLCHAIN: 'local',
        GOFLAGS: '-mod=mod',
        USERPROFILE: '/home/runneradmin',
      })

      it('runs the Linux Go of the same version, ahead of the appended Windows go.exe', () => {
        const r = wslBashStep(
          [
            'command -v go',
            'go env GOVERSION GOROOT GOPATH',
            'printf "%s\\n" "${GOTOOLCHAIN-unset}" "${GOFLAGS-unset}" "$PATH"',
            'bash -c \'printf "%s\\n" "$PATH"\'',
          ].join('\n'),
          exported(),
        )
        expect(r.stderr).toBe('')
        expect(r.status).toBe(0)
        const [which, version, gr, gp, tc, flags, pathValue, nested] = r.stdout.trim().split('\n')
        expect(which).toBe(`${goroot}/bin/go`)
        expect(version).toBe(archive.goVersion)
        expect(gr).toBe(goroot)
        expect(gp).toBe(`${home}/go`)
        expect(tc).toBe('local')
        expect(flags).toBe('-mod=mod')
        expect(pathValue).toBe(`${goroot}/bin:${home}/go/bin:${distroPath()}`)
        expect(pathValue.endsWith(windowsGoBin)).toBe(true)
        // sourcing it again (a nested bash) does not grow PATH
        expect(nested).toBe(pathValue)
      })

      it("without the exports, `go` is the distribution's own (or none)", () => {
        const r = wslBashStep('command -v go || echo none\n', {})
        expect(r.status).toBe(0)
        expect(r.stdout.trim()).not.toBe(`${goroot}/bin/go`)
      })

      it('the BASH_ENV script changes nothing outside WSL (a Git Bash step)', () => {
        const r = spawnSync(
          'bash',
          [
            '--noprofile',
            '--norc',
            '-euo',
            'pipefail',
            '-c',
            'printf "%s\\n" "$PATH"; printf "%s\\n" "${GOROOT-unset}"',
          ],
          {
            env: { PATH: '/usr/bin:/bin', BASH_ENV: envScript },
            encoding: 'utf8',
          },
        )
        expect(r.stderr).toBe('')
        expect(r.stdout).toBe('/usr/bin:/bin\nunset\n')
      })

      it("a step run as another user (setup-wsl's wsl-shell-user) gets a GOPATH in its own home", () => {
        const file = path.join(root, `step-user.sh`)
        writeFileSync(file, 'go env GOPATH\nprintf "%s\\n" "$PATH"\n')
        const r = spawnSync(
          fakeWsl,
          ['--user', 'builder', 'bash', '--noprofile', '--norc', '-euo', 'pipefail', file],
          {
            env: wslEnv(exported()),
            encoding: 'utf8',
          },
        )
        expect(r.stderr).toBe('')
        const otherHome = path.join(path.dirname(home), 'builder')
        const [gopath, pathValue] = r.stdout.trim().split('\n')
        expect(gopath).toBe(`${otherHome}/go`)
        expect(pathValue.startsWith(`${goroot}/bin:${otherHome}/go/bin:`)).toBe(true)
      })

      it('WSLENV names variables unset on Windows: they arrive empty, and Go treats each empty one as unset (GOTOOLCHAIN and GOEXPERIMENT: not known to the Go 1.19 here)', () => {
        // a go env file inside the distribution sets every one of them; an empty process variable must not hide it
        const goenv = path.join(root, 'goenv-file')
        const names = WSL_PASS_THROUGH.filter((n) => n !== 'GOTOOLCHAIN' && n !== 'GOEXPERIMENT')
        writeFileSync(
          goenv,
          names
            .map(
              (n) =>
                `${n}=${n === 'GOFLAGS' ? '-mod=mod' : n === 'GOSUMDB' ? 'off' : n === 'CGO_ENABLED' ? '0' : `example.com/${n.toLowerCase()}`}`,
            )
            .join('\n') + '\n',
        )
        const file = path.join(root, 'step-empty.sh')
        writeFileSync(
          file,
          `for n in ${names.join(' ')}; do printf '%s=[%s]\\n' "$n" "\${!n-unset}"; done\nGOENV='${goenv}' go env -json ${names.join(' ')}\n`,
        )
        const r = spawnSync(fakeWsl, ['bash', '--noprofile', '--norc', '-euo', 'pipefail', file], {
          // only BASH_ENV and WSLENV are set on the "Windows" side: every Go setting is unset there
          env: wslEnv({ BASH_ENV: envScript, WSLENV: mergeWslenv('', wslenvEntries()) }),
          encoding: 'utf8',
        })
        expect(r.stderr).toBe('')
        const lines = r.stdout.split('\n')
        for (const n of names) expect(lines).toContain(`${n}=[]`)
        const seen = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as Record<string, string>
        for (const n of names)
          expect(seen[n]).toBe(
            readFileSync(goenv, 'utf8')
              .split('\n')
              .find((l) => l.startsWith(`${n}=`))!
              .slice(n.length + 1),
          )
      })

      describe('the wsl probe and the rules', () => {
        async function check(env: NodeJS.ProcessEnv) {
          const goEnv = JSON.parse(
            execFileSync(`${goroot}/bin/go`, ['env', '-json'], {
              encoding: 'utf8',
              env: { ...process.env, GOROOT: goroot },
            }),
          ) as Record<string, string>
          const paths = {
            goroot,
            gopath: `${home}/go`,
            goBinary: `${goroot}/bin/go`,
            gorootBin: `${goroot}/bin`,
            gopathBin: `${home}/go/bin`,
          }
          const r = await runCheck({
            platform: 'linux',
            env: wslEnv({ PATH: `${fakeDir}:${process.env.PATH}`, ...env }),
            expected: {
              ...paths,
              gotoolchain: 'local',
              version: archive.version,
              perShell: { wsl: paths },
            },
            goEnv,
            shells: ['wsl'],
            launch: { mode: 'runner' },
            audience: 'runner',
            timeoutMs: 30_000,
            tempDir: path.join(root, 'probes'),
            workingDirectory: root,
            checkModules: false,
            extraAdapters: { wsl: wslShell('', '/') },
          })
          return { ...r, code: exitCode(r.findings) }
        }

        it('a provisioned distribution is consistent: exit code 0', async () => {
          const r = await check(exported())
          const errors = r.findings.filter((f) => f.severity === 'error')
          expect(errors).toEqual([])
          expect(r.code).toBe(0)
          const p = r.probes.find((x) => x.shell === 'wsl')!
          expect(p.status).toBe('ok')
          expect(p.commandLine).toContain('bash --noprofile --norc -euo pipefail')
          expect(p.hits.go).toContain(path.join(windowsGoBin, 'go.exe'))
        })

        it('a WSL step that would run another Go: exit code 1', async () => {
          const r = await check({})
          expect(r.code).toBe(1)
          const ids = r.findings.map((f) => f.id)
          expect(ids).toContain('gotoolchain-mismatch')
          expect(ids.some((id) => ['go-other', 'go-missing'].includes(id))).toBe(true)
        })

        it('a WSL step that only has the Windows go.exe through interop: exit code 1', async () => {
          const tools = path.join(root, 'tools')
          mkdirSync(tools, { recursive: true })
          if (!existsSync(path.join(tools, 'bash')))
            symlinkSync(
              execFileSync('sh', ['-c', 'command -v bash'], { encoding: 'utf8' }).trim(),
              path.join(tools, 'bash'),
            )
          const r = await check({ FAKE_WSL_PATH: `${tools}:${windowsGoBin}` })
          expect(r.code).toBe(1)
          const f = r.findings.find((x) => x.id === 'wsl-go-interop-only')
          expect(f?.message).toContain(path.join(windowsGoBin, 'go.exe'))
          expect(f?.shells).toEqual(['wsl'])
        })
      })
    })

    describe('setupWsl: what the action exports', () => {
      /** setupWsl as the action calls it on Windows, with wsl.exe played by the stand-in. */
      function setupOnWindows(
        wsl: 'auto' | 'true',
        env: NodeJS.ProcessEnv,
        more: Partial<Parameters<typeof setupWsl>[1]> = {},
      ) {
        return setupWsl(
          {
            wsl,
            shells: 'auto',
            wslDistribution: '',
            wslUser: '',
            arch: parseArch(archive.goarch),
            downloadBaseUrl: mirror.baseUrl,
          },
          {
            platform: 'win32',
            env,
            version: archive.version,
            temp: mkdtempSync(path.join(root, 'temp-')),
            fetcher: createFetcher({ token: '', log: () => {} }),
            timeoutMs: 20_000,
            log: () => {},
            run: createWslRunner(fakeWsl, env, 'linux'),
            ...more,
          },
        )
      }

      it('no distribution registered: answers at once, without starting wsl.exe', async () => {
        let called = false
        const s = await setupOnWindows(
          'auto',
          {},
          {
            run: async () => {
              called = true
              throw new Error('wsl.exe must not be started')
            },
            registry: async () => '',
          },
        )
        expect(called).toBe(false)
        expect(s.adapter).toBeUndefined()
        expect(s.required).toEqual([])
        expect(s.unavailable).toMatch(/no distribution registered for this user/)
      })

      it('appends to WSLENV and points BASH_ENV at the script', async () => {
        const s = await setupOnWindows('auto', wslEnv({ WSLENV: 'USERPROFILE/p' }), {
          bases: [path.join(root, 'base')],
        })
        expect(s.findings).toEqual([])
        expect(s.exports.WSLENV).toBe(`USERPROFILE/p:${mergeWslenv('', wslenvEntries())}`)
        expect(s.exports.BASH_ENV).toBe(path.join(root, 'base', 'env.sh'))
        expect(s.adapter?.name).toBe('wsl')
      })

      it('wsl: true without a distribution makes the wsl shell required', async () => {
        const s = await setupOnWindows('true', wslEnv({ FAKE_WSL_DISTROS: '' }))
        expect(s.required).toEqual(['wsl'])
        expect(s.exports).toEqual({})
        expect(s.unavailable).toMatch(/no installed distributions/)
      })
    })
  },
)
