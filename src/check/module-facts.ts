/**
 * The module facts (I/O): go.mod and go.sum of the working directory, or in workspace mode
 * go.work, every module it uses with its go.sum, and go.work.sum; then `go mod verify`, run
 * where the check runs, so Go applies the same mode itself. Which mode applies and which
 * sums count is decided in go/workspace.ts, by Go's rules.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { parseGoMod, type GoModInfo } from '../go/gomod.js'
import { moduleMode, needingSums, unsummed, type Member } from '../go/workspace.js'
import { describeEnd, runProcess, tailOf } from '../processes/run.js'
import { readSmall } from './facts.js'
import type { ModuleFacts } from './types.js'

const readOrNull = (file: string) => readSmall(file).catch(() => null)

async function member(dir: string): Promise<Member | null> {
  const goMod = path.join(dir, 'go.mod')
  const text = await readOrNull(goMod)
  if (text === null) return null
  return { goMod, mod: parseGoMod(text), sum: await readOrNull(path.join(dir, 'go.sum')) }
}

const decided = (file: string, mod: GoModInfo) =>
  mod.goLine ? { file, line: mod.goLine.line } : undefined

/** Workspace mode: go.work decides; its members' requirements meet every go.sum and go.work.sum. */
async function workspaceFacts(file: string, why: string): Promise<ModuleFacts | undefined> {
  const text = await readOrNull(file)
  if (text === null) return undefined
  const work = parseGoMod(text)
  const dir = path.dirname(file)
  const members = (
    await Promise.all(work.uses.map((u) => member(path.resolve(dir, u.value))))
  ).filter((m): m is Member => !!m)
  const workSum = await readOrNull(path.join(dir, 'go.work.sum'))
  const sums = members.filter((m) => m.sum !== null).length + (workSum === null ? 0 : 1)
  return {
    goMod: file,
    mod: work,
    goSum: `the go.sum of each module in ${path.basename(file)} and go.work.sum`,
    goSumPresent: sums > 0,
    requires: needingSums(members, work.replaced),
    missingSums: sums > 0 ? unsummed(members, [workSum], work.replaced) : [],
    workspace: { file, why, members: members.map((m) => m.goMod) },
    memberPaths: members.map((m) => m.mod.modulePath).filter(Boolean),
    decidedBy: decided(file, work),
  }
}

async function moduleModeFacts(dir: string, why?: string): Promise<ModuleFacts | undefined> {
  const m = await member(dir)
  if (!m) return undefined
  return {
    goMod: m.goMod,
    mod: m.mod,
    goSum: path.join(dir, 'go.sum'),
    goSumPresent: m.sum !== null,
    requires: m.mod.requires.map((r) => ({ ...r, file: m.goMod })),
    missingSums: m.sum === null ? [] : unsummed([m], []),
    moduleModeWhy: why,
    decidedBy: decided(m.goMod, m.mod),
  }
}

/** The module facts, and `go mod verify` when it can tell anything. */
export async function moduleFacts(
  workingDirectory: string,
  goBinary: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  timeoutMs: number,
): Promise<ModuleFacts | undefined> {
  const mode = moduleMode(workingDirectory, env.GOWORK, existsSync)
  const facts =
    mode.mode === 'workspace'
      ? await workspaceFacts(mode.file, mode.why)
      : await moduleModeFacts(workingDirectory, env.GOWORK === 'off' ? mode.why : undefined)
  if (!facts) return undefined
  if (facts.goSumPresent || facts.requires.length === 0) {
    const r = await runProcess(goBinary, ['mod', 'verify'], {
      env,
      cwd: workingDirectory,
      timeoutMs,
      platform,
    })
    const stderr = facts.workspace ? withoutMemberZiphash(r.stderr, facts) : r.stderr
    const ok = r.exitCode === 0 || (!!facts.workspace && r.exitCode === 1 && !stderr.trim())
    facts.verify = {
      ok,
      detail: ok ? undefined : `${tailOf({ ...r, stderr }, 10, 1000) || describeEnd(r)}`,
    }
  }
  return facts
}

/**
 * `go mod verify` in workspace mode names each module of the workspace itself as
 * `<module> : missing ziphash: open hash: no such file or directory` and exits 1 (a
 * documented go command behaviour, golang/go#54372 and #57735): a workspace's own modules
 * were never downloaded, so there is nothing to verify. Those lines, and only those, go.
 */
function withoutMemberZiphash(stderr: string, facts: ModuleFacts): string {
  const members = new Set(facts.memberPaths ?? [])
  return stderr
    .split(/\r?\n/)
    .filter((l) => {
      const m = /^(\S+) : missing ziphash: /.exec(l)
      return !(m && members.has(m[1]))
    })
    .join('\n')
}
