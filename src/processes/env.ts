/**
 * An environment object for a child process. On Windows names are case-insensitive but a
 * copied object (`{...process.env}`) is not: with both `Path` and `PATH` in it, a child
 * may see the stale one. Here every name appears once; the value assigned last wins and
 * the first spelling is kept (so the runner's `Path` stays `Path`).
 */
export function childEnv(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): NodeJS.ProcessEnv {
  if (platform !== 'win32') return { ...env }
  const names = new Map<string, string>()
  const out: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue
    const key = name.toUpperCase()
    const first = names.get(key)
    if (first === undefined) names.set(key, name)
    out[first ?? name] = value
  }
  return out
}

/** Sets a variable, replacing every differently-cased copy of its name on Windows. */
export function setVar(
  env: NodeJS.ProcessEnv,
  name: string,
  value: string,
  platform: NodeJS.Platform,
): NodeJS.ProcessEnv {
  const out = childEnv(env, platform)
  const existing =
    platform === 'win32'
      ? Object.keys(out).find((k) => k.toUpperCase() === name.toUpperCase())
      : undefined
  out[existing ?? name] = value
  return out
}

/** Reads a variable the way the OS would (case-insensitive on Windows). */
export function getVar(
  env: NodeJS.ProcessEnv,
  name: string,
  platform: NodeJS.Platform,
): string | undefined {
  if (platform !== 'win32') return env[name]
  const key = Object.keys(env)
    .reverse()
    .find((k) => k.toUpperCase() === name.toUpperCase())
  return key === undefined ? undefined : env[key]
}
