/**
 * A developer's machine in a temporary folder, for the CLI's tests: a HOME with startup
 * files, two Go trees, and this process's PATH cut down to where the shells are; and the
 * CLI bundle run as typed into a terminal of one shell (whose startup files then ran) or
 * from a neutral environment.
 */
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { layOutGoTree, machineGo } from '../../__fixtures__/go-archive.js'
import { cliBundle } from './action.js'
import { scratchDir } from './scratch.js'
import { toolPath } from './tools.js'

/** A finding as the JSON report prints it. */
export interface ReportFinding {
  id: string
  severity: string
  shells: string[]
  message: string
  origin?: { where: string }
  hint?: string
}

export interface Machine {
  root: string
  home: string
  /** the tidy Go, put on PATH by ~/.profile */
  goroot: string
  /** another Go tree, for startup files that put it first */
  other: string
  env: NodeJS.ProcessEnv
}

const shellDirs = () => [
  ...new Set(
    [toolPath('pwsh'), toolPath('fish'), toolPath('zsh')]
      .filter(Boolean)
      .map((p) => path.dirname(p!)),
  ),
]

/**
 * A machine whose login session puts one Go and GOPATH/bin on PATH (~/.profile), and this
 * process's PATH: where the shells are, nothing else. Files are relative to HOME.
 */
export function machine(files: Record<string, string> = {}, shell = '/bin/bash'): Machine {
  const root = scratchDir('gpa-dev-')
  const home = path.join(root, 'home')
  mkdirSync(path.join(home, 'go', 'bin'), { recursive: true })
  layOutGoTree(path.join(root, 'sdk'))
  layOutGoTree(path.join(root, 'other'))
  const goroot = path.join(root, 'sdk', 'go')
  // a login session reads ~/.profile (bash, sh) or ~/.zprofile (zsh)
  const tidy = `export PATH="${goroot}/bin:$HOME/go/bin:$PATH"\n`
  const all: Record<string, string> = { '.profile': tidy, '.zprofile': tidy, ...files }
  for (const [rel, text] of Object.entries(all)) {
    const f = path.join(home, rel)
    mkdirSync(path.dirname(f), { recursive: true })
    writeFileSync(f, text)
  }
  return {
    root,
    home,
    goroot,
    other: path.join(root, 'other', 'go'),
    env: {
      HOME: home,
      SHELL: shell,
      USER: os.userInfo().username,
      LANG: 'C.UTF-8',
      PATH: [...shellDirs(), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
    },
  }
}

export type From = 'neutral' | 'bash -i' | 'bash -l' | 'zsh -i' | 'pwsh'

/** Runs the CLI as typed into a terminal of `from` (whose startup files then ran), or from a neutral environment. */
export function cli(
  m: Machine,
  args: string[],
  from: From = 'neutral',
  extraEnv: NodeJS.ProcessEnv = {},
) {
  const node = process.execPath
  const line = [node, cliBundle(), ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')
  const [file, argv] =
    from === 'neutral'
      ? [node, [cliBundle(), ...args]]
      : from === 'pwsh'
        ? [
            toolPath('pwsh')!,
            [
              '-NoLogo',
              '-Command',
              `& ${[node, cliBundle(), ...args].map((a) => `'${a.replace(/'/g, "''")}'`).join(' ')}; exit $LASTEXITCODE`,
            ],
          ]
        : [from.split(' ')[0], [from.split(' ')[1], '-c', line]]
  const r = spawnSync(file, argv as string[], {
    env: { ...m.env, ...extraEnv },
    cwd: m.home,
    encoding: 'utf8',
    timeout: 120_000,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** Writes a file under the machine's HOME, making its folder. */
export function putFile(m: Machine, rel: string, text: string): void {
  const file = path.join(m.home, rel)
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, text)
}

/** Writes an executable file (a script with its #! line), making its folder. */
export function writeExecutable(file: string, text: string): string {
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, text)
  chmodSync(file, 0o755)
  return file
}

/**
 * Makes the Go tree at `goroot` say it is another version: its go runs the real one (so its
 * GOROOT is still that tree) and every `go1.x.y` it prints becomes `version`, as an older or
 * newer install would answer.
 */
export function sayVersion(goroot: string, version: string): void {
  const go = path.join(goroot, 'bin', 'go')
  renameSync(go, `${go}.real`)
  const real = machineGo().goVersion.replace(/\./g, '\\.')
  writeExecutable(
    go,
    `#!/bin/bash\nset -o pipefail\n"$(dirname "$0")/go.real" "$@" | sed 's/${real}/go${version}/g'\n`,
  )
}

/** Every file under HOME (the journal aside) and its bytes. */
export function homeSnapshot(m: Machine): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (dir: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, d.name)
      if (d.name === 'state' && dir === path.join(m.home, '.local')) continue
      // what pwsh and fish write for themselves whenever they start (a cache, universal variables)
      if (d.name === '.cache' && dir === m.home) continue
      if (d.name === 'fish' && dir === path.join(m.home, '.local', 'share')) continue
      if (d.isSymbolicLink()) out[path.relative(m.home, p)] = `-> ${readlinkSync(p)}`
      else if (d.isDirectory()) walk(p)
      else out[path.relative(m.home, p)] = readFileSync(p).toString('base64')
    }
  }
  walk(m.home)
  return out
}

/**
 * A shell started as a new terminal starts it on Linux: the login session (bash -l reads
 * ~/.profile), then the shell itself, interactive. What it printed on stderr is returned,
 * the lines shells print without a terminal aside.
 */
export function newTerminal(m: Machine, shell: 'bash' | 'sh' | 'zsh' | 'fish' | 'pwsh') {
  const ask =
    shell === 'pwsh'
      ? `exec ${toolPath('pwsh')} -NoLogo -Command '(Get-Command go -CommandType Application | Select-Object -First 1).Source; (Get-Command go).CommandType'`
      : shell === 'fish'
        ? `exec ${toolPath('fish')} -i -c 'command -v go; type -t go'`
        : shell === 'sh'
          ? `exec sh -c 'command -v go; command -V go'`
          : `exec ${shell === 'zsh' ? toolPath('zsh') : 'bash'} -i -c 'command -v go; type go'`
  const r = spawnSync('bash', ['-l', '-c', ask], {
    env: { ...m.env, TERM: 'dumb' },
    cwd: m.home,
    encoding: 'utf8',
    timeout: 60_000,
  })
  const stderr = r.stderr
    .split('\n')
    .filter(
      (l) => l && !/no job control|cannot set terminal process group|can't set tty pgrp/.test(l),
    )
  return { stdout: r.stdout, stderr, status: r.status }
}
