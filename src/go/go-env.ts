import { execFile } from 'node:child_process'

export type GoEnv = Record<string, string>

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

/** Runs `<go> env -json [names]` with the given environment. */
export function goEnv(
  goBinary: string,
  env: NodeJS.ProcessEnv,
  names: string[] = [],
  timeoutMs = 30_000,
): Promise<GoEnv> {
  return new Promise((resolve, reject) => {
    execFile(
      goBinary,
      ['env', '-json', ...names],
      { env, timeout: timeoutMs, windowsHide: true },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`${goBinary} env -json failed: ${(stderr || err.message).trim()}`))
          return
        }
        try {
          resolve(parseGoEnvJson(stdout))
        } catch (parseErr) {
          reject(new Error(`${goBinary} env -json: ${(parseErr as Error).message}`))
        }
      },
    )
  })
}
