/** The types of build-exe.mjs, the single executables and their release assets. */
export declare const NODE_RELEASE: string
export declare const REPO: string
export declare const NAME: string
export declare const TARGETS: Record<
  string,
  { npm: string; exe: string; archive: 'zip' | 'tar.gz' }
>

export interface BuildExeOptions {
  /** the Node inside the executables (default NODE_RELEASE) */
  node?: string
  /** the targets (default: every one npm has a Node for) */
  targets?: string[]
  /** the folder written (default release/) */
  out?: string
  /** where the manifests say the archives are */
  baseUrl?: string
}

export declare function buildExe(o?: BuildExeOptions): Promise<{
  out: string
  names: string[]
  sums: Record<string, string>
  nodeVersion: string
}>
export declare function scoopManifest(
  version: string,
  base: string,
  sums: Record<string, string>,
): Record<string, unknown>
export declare function wingetManifests(
  version: string,
  base: string,
  sums: Record<string, string>,
): Record<string, Record<string, unknown>>
