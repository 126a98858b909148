import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { exe } from '../go/platform.js'
import type { GoEnv } from '../go/go-env.js'
import { runWithTimeout } from '../shells/run.js'
import { missingSums, parseGoEnvFile, parseGoMod } from './modules.js'
import type { GoEnvFile, ModuleFacts, ToolchainFacts } from './types.js'

const tail = (s: string) => s.trim().split(/\r?\n/).slice(-5).join(' / ').slice(0, 500)

/** gofmt, vet and pkg/tool of the exported tree, checked directly (not through a shell). */
export async function toolchainFacts(
  goroot: string,
  goEnv: GoEnv | null,
  goEnvError: string | undefined,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  timeoutMs: number,
): Promise<ToolchainFacts> {
  const goos = goEnv?.GOOS
  const goarch = goEnv?.GOARCH
  const dir = path.join('pkg', 'tool', `${goos ?? '?'}_${goarch ?? '?'}`)
  const gofmt = await runWithTimeout(
    path.join(goroot, 'bin', exe('gofmt', platform)),
    [],
    { env, timeoutMs, input: 'package x\n' },
    platform,
  )
  const vet = await runWithTimeout(
    path.join(goroot, 'bin', exe('go', platform)),
    ['tool', '-n', 'vet'],
    { env, timeoutMs },
    platform,
  )
  const vetPath = vet.stdout.trim()
  return {
    goEnv: { ok: !!goEnv, detail: goEnvError, goVersion: goEnv?.GOVERSION, goos, goarch },
    pkgTool: { ok: !!goos && existsSync(path.join(goroot, dir)), dir },
    gofmt: {
      ok: gofmt.exitCode === 0,
      detail: gofmt.error ?? (tail(gofmt.stderr) || `exit ${gofmt.exitCode}`),
    },
    vet: {
      ok: vet.exitCode === 0 && !!vetPath && existsSync(vetPath),
      detail:
        vet.error ??
        (tail(vet.stderr) || (vetPath ? `${vetPath} does not exist` : `exit ${vet.exitCode}`)),
    },
  }
}

/** The `go env -w` file, when there is one. */
export async function readGoEnvFile(file: string | undefined): Promise<GoEnvFile | undefined> {
  if (!file || file === 'off') return undefined
  try {
    return { path: file, values: parseGoEnvFile(await readFile(file, 'utf8')) }
  } catch {
    return undefined
  }
}

/** go.mod / go.sum of the working directory, and `go mod verify` when go.sum exists. */
export async function moduleFacts(
  workingDirectory: string,
  goBinary: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  timeoutMs: number,
): Promise<ModuleFacts | undefined> {
  const goMod = path.join(workingDirectory, 'go.mod')
  const goSum = path.join(workingDirectory, 'go.sum')
  let modText: string
  try {
    modText = await readFile(goMod, 'utf8')
  } catch {
    return undefined
  }
  const mod = parseGoMod(modText)
  let sumText: string | null = null
  try {
    sumText = await readFile(goSum, 'utf8')
  } catch {
    sumText = null
  }
  const facts: ModuleFacts = {
    goMod,
    goLine: mod.goLine,
    requires: mod.requires,
    goSum,
    goSumPresent: sumText !== null,
    missingSums: sumText === null ? [] : missingSums(mod, sumText),
  }
  if (sumText !== null || mod.requires.length === 0) {
    const r = await runWithTimeout(
      goBinary,
      ['mod', 'verify'],
      { env, cwd: workingDirectory, timeoutMs },
      platform,
    )
    facts.verify = { ok: r.exitCode === 0, detail: r.error ?? tail(`${r.stdout}\n${r.stderr}`) }
  }
  return facts
}
