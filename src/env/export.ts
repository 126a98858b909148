import * as core from '@actions/core'
import { mkdir } from 'node:fs/promises'
import type { EnvPlan } from './plan.js'

/**
 * Writes the plan as file commands: variables to GITHUB_ENV, PATH entries to GITHUB_PATH
 * written last-first so that the first entry of the plan ends up first. Also applies them
 * to this process so that probes see what later steps will.
 */
export async function applyPlan(plan: EnvPlan): Promise<void> {
  await mkdir(plan.gopathBin, { recursive: true })
  for (const [name, value] of Object.entries(plan.vars)) core.exportVariable(name, value)
  for (const entry of [...plan.path].reverse()) core.addPath(entry)
}
