import { clip } from '../base/errors.js'
import { describeEnd, runProcess, tailOf, type RunResult } from '../processes/run.js'

export type GoEnv = Record<string, string>

/**
 * What the set-up asks the Go it set up, and logs: every name the check, the outputs and a
 * reader of the log use. Not GOGCCFLAGS, which runs the C compiler (about 60 ms, most of
 * a cache-hit run's own time, measured by npm run bench).
 */
export const SET_UP_GO_ENV_NAMES = [
  'GOROOT',
  'GOPATH',
  'GOBIN',
  'GOVERSION',
  'GOOS',
  'GOARCH',
  'GOEXE',
  'GOTOOLDIR',
  'GOENV',
  'GOTOOLCHAIN',
  'GOFLAGS',
  'GOCACHE',
  'GOMODCACHE',
  'GOMOD',
  'GOWORK',
  'GOPROXY',
  'GOSUMDB',
  'GOPRIVATE',
  'GONOPROXY',
  'GONOSUMDB',
  'GOINSECURE',
  'GOEXPERIMENT',
  'CGO_ENABLED',
  'CC',
  'CXX',
] as const

/** Parses `go env -json` output (a flat object of strings). */
export function parseGoEnvJson(text: string): GoEnv {
  const data = JSON.parse(text) as unknown
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error('go env -json did not print a JSON object')
  }
  const out: GoEnv = {}
  for (const [k, v] of Object.entries(data)) out[k] = typeof v === 'string' ? v : JSON.stringify(v)
  return out
}

/** `go env -json` text, tolerating warnings printed around the object. */
export function goEnvFromText(text: string): { env?: GoEnv; error?: string } {
  const start = text.indexOf('{')
  const end = text.lastIndexOf('}')
  if (start < 0 || end < start) return { error: clip(text.trim(), 300) || 'no output' }
  try {
    return { env: parseGoEnvJson(text.slice(start, end + 1)) }
  } catch (err) {
    return { error: `not JSON: ${(err as Error).message}` }
  }
}

export type GoEnvAnswer = { ok: true; env: GoEnv } | { ok: false; error: string; run: RunResult }

/** Runs `<go> env -json [names]` with the given environment and a hard timeout. */
export async function runGoEnv(
  goBinary: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  names: readonly string[] = [],
): Promise<GoEnvAnswer> {
  const r = await runProcess(goBinary, ['env', '-json', ...names], { env, timeoutMs })
  const what = `${goBinary} env -json`
  if (r.exitCode !== 0) {
    const printed = tailOf(r)
    return {
      ok: false,
      run: r,
      error: `${what}: ${describeEnd(r)}${printed ? `: ${printed}` : ''}`,
    }
  }
  const parsed = goEnvFromText(r.stdout)
  if (!parsed.env)
    return { ok: false, run: r, error: `${what} printed no JSON object: ${parsed.error}` }
  return { ok: true, env: parsed.env }
}
