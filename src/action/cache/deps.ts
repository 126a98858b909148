/**
 * The hash of the dependency files that key the caches (I/O): `cache-dependency-path` (a
 * file, a glob, or one per line, relative to the working directory), else go.mod and go.sum
 * there. Hashed as the runner's hashFiles() hashes, by @actions/glob, loaded only here.
 */
import path from 'node:path'

export interface DepsHash {
  hash: string
  /** the patterns that were hashed */
  patterns: string[]
}

/** The patterns, absolute: relative ones are under the working directory. */
export function dependencyPatterns(input: string, workingDirectory: string): string[] {
  const given = input
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  const patterns = given.length ? given : ['go.mod', 'go.sum']
  return patterns.map((p) => {
    const negated = p.startsWith('!')
    const bare = negated ? p.slice(1) : p
    const abs = path.isAbsolute(bare) ? bare : path.join(workingDirectory, bare)
    return negated ? `!${abs}` : abs
  })
}

export async function hashDependencies(
  input: string,
  workingDirectory: string,
  workspace: string,
): Promise<DepsHash> {
  const patterns = dependencyPatterns(input, workingDirectory)
  const { hashFiles } = await import('@actions/glob')
  // hashFiles passes over files outside the root it is given: the workspace, or the working
  // directory when it lies outside the workspace
  const root =
    workingDirectory.startsWith(`${workspace}${path.sep}`) || workingDirectory === workspace
      ? workspace
      : workingDirectory
  return { hash: await hashFiles(patterns.join('\n'), root), patterns }
}
