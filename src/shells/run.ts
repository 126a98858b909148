import { spawn, spawnSync } from 'node:child_process'

export interface RunResult {
  stdout: string
  stderr: string
  exitCode: number | null
  timedOut: boolean
  error?: string
  durationMs: number
}

/** Ends a process and everything it started. */
function killTree(pid: number, platform: NodeJS.Platform): void {
  try {
    if (platform === 'win32')
      spawnSync('taskkill', ['/PID', String(pid), '/T', '/F'], { windowsHide: true })
    else process.kill(-pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

/**
 * Runs a command with a hard timeout. The process tree is killed on timeout and the
 * promise settles on exit even when a grandchild still holds the pipes.
 */
export function runWithTimeout(
  file: string,
  args: string[],
  options: {
    env: NodeJS.ProcessEnv
    cwd?: string
    timeoutMs: number
    verbatim?: boolean
    input?: string
    /** turns the collected bytes into text (default UTF-8); wsl.exe may answer in UTF-16LE */
    decode?: (bytes: Buffer) => string
  },
  platform: NodeJS.Platform = process.platform,
): Promise<RunResult> {
  const start = performance.now()
  return new Promise((resolve) => {
    const out: Buffer[] = []
    const err: Buffer[] = []
    const decode = options.decode ?? ((b: Buffer) => b.toString('utf8'))
    let timedOut = false
    let settled = false
    const child = spawn(file, args, {
      env: options.env,
      cwd: options.cwd,
      windowsHide: true,
      windowsVerbatimArguments: options.verbatim,
      detached: platform !== 'win32',
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    })
    child.stdout?.on('data', (d: Buffer) => out.push(d))
    child.stderr?.on('data', (d: Buffer) => err.push(d))
    if (options.input !== undefined) child.stdin?.end(options.input)
    const finish = (exitCode: number | null, error?: string) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      child.stdout?.destroy()
      child.stderr?.destroy()
      resolve({
        stdout: decode(Buffer.concat(out)),
        stderr: decode(Buffer.concat(err)),
        exitCode,
        timedOut,
        error,
        durationMs: Math.round(performance.now() - start),
      })
    }
    const timer = setTimeout(() => {
      timedOut = true
      if (child.pid) killTree(child.pid, platform)
      finish(null, `timed out after ${options.timeoutMs} ms`)
    }, options.timeoutMs)
    child.on('error', (err) => finish(null, err.message))
    // 'close' comes once the pipes are drained; a grandchild that keeps them open
    // must not keep us waiting long after the shell itself exited
    child.on('close', (code) => finish(code))
    child.on('exit', (code) => setTimeout(() => finish(code), 500).unref())
  })
}
