/**
 * The post step (I/O): saves the caches the main step restored, when that adds something
 * and cache-save allows it for this run. It never fails the job: whatever goes wrong is a
 * warning, and a key another job saved first is a note.
 */
import { readFile } from 'node:fs/promises'
import type { Restored, SavePolicy } from './cache/decide.js'
import { mib } from './cache/describe.js'
import { saveCaches, type Saved } from './cache/save.js'
import { actionLog, flushed, readState, writeSummary } from './action-io.js'
import { cacheService, STATE } from './caches.js'

/** The repository's default branch, from the event the run was started by. */
async function defaultBranch(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (!env.GITHUB_EVENT_PATH) return undefined
  try {
    const event = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as {
      repository?: { default_branch?: string }
    }
    return event.repository?.default_branch
  } catch {
    return undefined
  }
}

const size = (bytes?: number) => (bytes === undefined ? '' : ` (${mib(bytes)})`)

export function savedLines(saved: Saved[]): string[] {
  return saved.map((s) =>
    s.saved
      ? `${s.name}: saved as ${s.key}${size(s.bytes)} in ${s.ms} ms`
      : `${s.name}: not saved: ${s.why}`,
  )
}

export async function runPost(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const raw = await readState(STATE)
    if (!raw || !cacheService(env)) return
    const state = JSON.parse(raw) as { restored: Restored[]; policy: SavePolicy }
    const saved = await saveCaches(state.restored, state.policy, {
      ref: env.GITHUB_REF,
      defaultBranch: await defaultBranch(env),
    })
    const lines = savedLines(saved)
    for (const l of lines) actionLog.info(`go-path-arbiter: ${l}`)
    if (lines.length && env.GITHUB_STEP_SUMMARY) {
      await writeSummary(
        `### go-path-arbiter: caches saved\n\n${lines.map((l) => `- ${l}`).join('\n')}\n`,
      )
    }
  } catch (err) {
    actionLog.warning(`go-path-arbiter: the caches were not saved: ${(err as Error).message}`)
  }
  await flushed()
}
