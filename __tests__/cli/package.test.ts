/**
 * The CLI as a package: `npm pack` of this project (with the bundle built from src/), then
 * `npm install -g` of the tarball into a temporary prefix, offline: the bundle needs no
 * dependency at run time. The installed `go-path-arbiter` runs.
 */
import { describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { layOutGoTree } from '../../__fixtures__/go-archive.js'
import { bundleDir, repoRoot } from '../helpers/action.js'
import { toolPath } from '../helpers/tools.js'

describe('npm pack, then npm install -g of the tarball', () => {
  it('installs offline and runs as go-path-arbiter, with its licence file and nothing else of the repository', () => {
    const stage = mkdtempSync(path.join(os.tmpdir(), 'gpa-pack-'))
    for (const f of ['package.json', 'LICENSE', 'README.md'])
      cpSync(path.join(repoRoot, f), path.join(stage, f))
    mkdirSync(path.join(stage, 'dist'))
    cpSync(path.join(bundleDir(), 'dist', 'cli'), path.join(stage, 'dist', 'cli'), {
      recursive: true,
    })
    const out = mkdtempSync(path.join(os.tmpdir(), 'gpa-tgz-'))
    execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', out], {
      cwd: stage,
      stdio: 'pipe',
    })
    const tgz = path.join(
      out,
      readdirSync(out).find((f) => f.endsWith('.tgz'))!,
    )
    const version = (
      JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }
    ).version
    expect(path.basename(tgz)).toBe(`go-path-arbiter-${version}.tgz`)
    const listing = execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .sort()
    const chunks = readdirSync(path.join(stage, 'dist', 'cli')).filter((f) =>
      /^\d+\.index\.js$/.test(f),
    )
    expect(chunks).toHaveLength(1)
    expect(listing).toEqual(
      [
        'package/LICENSE',
        'package/README.md',
        'package/dist/cli/index.js',
        // the chunks of the lazy imports (the streaming unzip, the HTTP code and its client),
        // which only a download or an install from a zip loads
        ...chunks.map((c) => `package/dist/cli/${c}`),
        'package/dist/cli/licenses.txt',
        'package/dist/cli/package.json',
        // the probe and start-up scripts the shells run, beside the bundle
        'package/dist/cli/bash-start.sh',
        'package/dist/cli/cmd-probe.cmd',
        'package/dist/cli/fish-probe.fish',
        'package/dist/cli/fish-start.fish',
        'package/dist/cli/posix-probe.sh',
        'package/dist/cli/pwsh-env.ps1',
        'package/dist/cli/pwsh-probe.ps1',
        'package/dist/cli/pwsh-start.ps1',
        'package/dist/cli/sh-start.sh',
        'package/dist/cli/startup-files.sh',
        // and the script that puts a Linux Go into a WSL distribution
        'package/dist/cli/distro.sh',
        'package/package.json',
      ].sort(),
    )

    const prefix = mkdtempSync(path.join(os.tmpdir(), 'gpa-prefix-'))
    execFileSync(
      'npm',
      [
        'install',
        '-g',
        tgz,
        '--prefix',
        prefix,
        '--offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
      ],
      {
        stdio: 'pipe',
      },
    )
    const bin = path.join(prefix, 'bin', 'go-path-arbiter')
    const help = spawnSync(bin, ['--help'], { encoding: 'utf8' })
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('usage: go-path-arbiter [options]')
    expect(spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout).toBe(
      `go-path-arbiter ${version}\n`,
    )
    // the installed CLI starts shells from its own copy of the scripts: a tidy machine is 0
    const home = mkdtempSync(path.join(os.tmpdir(), 'gpa-pkg-home-'))
    const goDir = path.join(home, 'sdk')
    if (toolPath('go')) {
      layOutGoTree(goDir)
      writeFileSync(
        path.join(home, '.profile'),
        `export PATH="${goDir}/go/bin:$HOME/go/bin:$PATH"\n`,
      )
      mkdirSync(path.join(home, 'go', 'bin'), { recursive: true })
      const run = spawnSync(bin, ['--shells', 'sh', '--no-modules'], {
        encoding: 'utf8',
        cwd: home,
        env: { HOME: home, SHELL: '/bin/sh', USER: os.userInfo().username, PATH: '/usr/bin:/bin' },
      })
      expect(run.stdout.split('\n')[0]).toBe('go-path-arbiter: exit code 0 (consistent)')
      expect(run.status).toBe(0)
    }
    // and a usage error is exit code 1, on stderr
    const bad = spawnSync(bin, ['--shells', 'tcsh'], { encoding: 'utf8' })
    expect([bad.status, bad.stdout]).toEqual([1, ''])
    expect(bad.stderr).toMatch(/^go-path-arbiter: --shells: "tcsh" is not a shell/)
  })
})
