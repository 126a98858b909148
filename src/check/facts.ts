/**
 * Facts gathered outside the shells (the I/O of the check): the exported tree's gofmt,
 * vet and pkg/tool, and the `go env -w` file (go.mod, go.work and go.sum are read in
 * module-facts.ts). Every process goes through the one process runner.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { GoEnv } from '../go/go-env.js'
import { errnoCode } from '../base/errors.js'
import { InputError } from '../findings/errors.js'
import { DECLARED_FILE, parseDeclared, type Declared } from '../go/declared.js'
import { parseGoEnvFile } from '../go/goenv-file.js'
import { exe } from '../go/platform.js'
import { relativeInside } from '../paths/forms.js'
import { describeEnd, runProcess, tailOf, type RunResult } from '../processes/run.js'
import type { GoEnvFileFacts, ToolchainFacts } from './types.js'

/** Files read here are small; anything larger is not a go.mod, go.sum or go env file. */
const MAX_FILE_BYTES = 8 * 1024 * 1024

export async function readSmall(file: string): Promise<string> {
  const text = await readFile(file)
  if (text.length > MAX_FILE_BYTES)
    throw new Error(`${file} is larger than ${MAX_FILE_BYTES} bytes`)
  return text.toString('utf8')
}

/** How a process ended and the end of what it printed on stderr. */
function ended(r: RunResult): string {
  const printed = tailOf({ stdout: '', stderr: r.stderr })
  return printed ? `${describeEnd(r)}: ${printed}` : describeEnd(r)
}

/**
 * The tool folder of the exported tree: GOTOOLDIR as `go env` says, which is where the go
 * command itself runs vet and compile from, `pkg/tool/<host os>_<host arch>` under the
 * GOROOT. Not GOOS/GOARCH: a job that cross-compiles (GOOS=windows on Linux) asks for
 * another target, not for other tools.
 */
function toolDir(goroot: string, goEnv: GoEnv | null): { abs: string; dir: string } | null {
  const abs = goEnv?.GOTOOLDIR
  if (!abs) return null
  return { abs, dir: relativeInside(goroot, abs) ?? abs }
}

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
  const tools = toolDir(goroot, goEnv)
  const compiler = tools ? path.join(tools.abs, exe('compile', platform)) : null
  const [gofmt, compile] = await Promise.all([
    runProcess(path.join(goroot, 'bin', exe('gofmt', platform)), [], {
      env,
      timeoutMs,
      input: 'package x\n',
      platform,
    }),
    compiler && existsSync(compiler)
      ? runProcess(compiler, ['-V'], { env, timeoutMs, platform })
      : Promise.resolve(null),
  ])
  // `compile version go1.22.5` (a release), `compile version devel ...` (a build from source)
  const said = compile?.exitCode === 0 ? /compile version (go\S+)/.exec(compile.stdout) : null
  // `go tool -n vet` is this same look-up (the tool folder, and whether vet is in it),
  // without starting another go
  const vet = tools ? path.join(tools.abs, exe('vet', platform)) : null
  return {
    goEnv: { ok: !!goEnv, detail: goEnvError, goVersion: goEnv?.GOVERSION, goos, goarch },
    pkgTool: {
      ok: !!tools && existsSync(tools.abs),
      dir: tools?.dir ?? `${path.join('pkg', 'tool')} (\`go env\` named no GOTOOLDIR)`,
    },
    gofmt: { ok: gofmt.exitCode === 0, detail: ended(gofmt) },
    vet: {
      ok: !!vet && existsSync(vet),
      detail: vet ? `${vet} does not exist` : '`go env` did not name GOTOOLDIR',
    },
    ...(said && compiler ? { compile: { version: said[1], program: compiler } } : {}),
  }
}

/** The `go env -w` file, when there is one, read as Go reads it. */
export async function readGoEnvFile(file: string | undefined): Promise<GoEnvFileFacts | undefined> {
  if (!file || file === 'off') return undefined
  try {
    return { path: file, values: parseGoEnvFile(await readSmall(file)) }
  } catch {
    return undefined
  }
}

/** The declared environment a file holds; an unreadable file is an error naming it. */
export async function readDeclared(file: string, named: string): Promise<Declared> {
  let text: string
  try {
    text = await readSmall(file)
  } catch (err) {
    throw new InputError(
      `${named}: ${JSON.stringify(file)} cannot be read (${errnoCode(err) ?? (err as Error).message})`,
    )
  }
  return parseDeclared(file, text)
}

/** The nearest `.go-env` from a folder upwards, as the go command looks for go.mod. */
export function findDeclared(from: string): string | undefined {
  let dir = path.resolve(from)
  for (;;) {
    const file = path.join(dir, DECLARED_FILE)
    if (existsSync(file)) return file
    const up = path.dirname(dir)
    if (up === dir) return undefined
    dir = up
  }
}
