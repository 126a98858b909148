/**
 * The registry values --apply changes on Windows (pure): the user PATH (the machine PATH
 * with --system), entry by entry and never frozen; a Go variable the registry sets against
 * the reference; and nothing else.
 */
import type { Origin } from '../../base/origin.js'
import type { ShellName } from '../../base/types.js'
import type { Finding } from '../../findings/catalog.js'
import { splitPath } from '../../paths/split.js'
import type { TerminalRun } from '../terminal/types.js'
import {
  editPathValue,
  folderKey,
  MACHINE_ENV,
  USER_ENV,
  type PathEdit,
  type RegStringType,
} from './registry-path.js'
import { homeOf } from '../../base/home.js'

export interface RegistryChange {
  kind: 'registry'
  key: string
  name: string
  /** null: the value does not exist */
  before: { type: string; data: string } | null
  /** null: delete the value */
  after: { type: string; data: string } | null
  shells: ShellName[]
  why: string
  /** the machine's values need an elevated terminal */
  elevated: boolean
}

interface Context {
  env: NodeJS.ProcessEnv
  system: boolean
  privileged: boolean
}

export type Scope = 'user' | 'machine'
const KEY: Record<Scope, string> = { user: USER_ENV.key, machine: MACHINE_ENV.key }
const scopeOf = (key: string): Scope => (/^HKLM/i.test(key) ? 'machine' : 'user')

/** A folder as the Go installer writes it: `%USERPROFILE%\go\bin` under the home folder. */
function asStored(dir: string, env: NodeJS.ProcessEnv): string {
  const home = homeOf(env, 'win32').replace(/\\+$/, '')
  return home && dir.toLowerCase().startsWith(`${home.toLowerCase()}\\`)
    ? `%USERPROFILE%${dir.slice(home.length)}`
    : dir
}

function hiveValue(run: TerminalRun, scope: Scope, name: string) {
  const hive = run.start.registry?.find((h) => h.label === scope)
  return hive?.values.find((v) => v.name.toLowerCase() === name.toLowerCase())
}

/** A folder a new terminal's registry PATH has, compared as Windows compares folders. */
const onRegistryPath = (run: TerminalRun, dir: string) =>
  run.start.path.some((e) => folderKey(e.entry) === folderKey(dir))

/** The PATH edits one finding asks for, by scope; or the Go variable value it names. */
export function registryEdits(
  run: TerminalRun,
  f: Finding,
  origin: Origin | undefined,
  env: NodeJS.ProcessEnv,
): { path: Array<{ scope: Scope; edit: PathEdit }>; variable?: { scope: Scope; name: string } } {
  const e = run.expected
  const r = origin?.registry
  if (
    r &&
    r.name.toLowerCase() === 'path' &&
    r.raw &&
    (f.id === 'go-shadowed' || f.id === 'go-other')
  ) {
    const path = [{ scope: scopeOf(r.key), edit: { drop: [r.raw] } as PathEdit }]
    if (!onRegistryPath(run, e.gorootBin))
      path.push({ scope: 'user', edit: { first: [asStored(e.gorootBin, env)] } })
    return { path }
  }
  if (r && r.name.toLowerCase() !== 'path' && origin?.layer === 'registry') {
    return { path: [], variable: { scope: scopeOf(r.key), name: r.name } }
  }
  if (f.id === 'go-missing' && !onRegistryPath(run, e.gorootBin)) {
    return { path: [{ scope: 'user', edit: { first: [asStored(e.gorootBin, env)] } }] }
  }
  if (f.id === 'gopath-bin-missing' && !onRegistryPath(run, e.gopathBin)) {
    return { path: [{ scope: 'user', edit: { last: [asStored(e.gopathBin, env)] } }] }
  }
  if (f.id === 'path-var-literal') {
    return {
      path: (['user', 'machine'] as const)
        .filter((scope) => {
          const v = hiveValue(run, scope, 'Path')
          return v?.type === 'REG_SZ' && /%[^%;\s]+%/.test(v.data)
        })
        .map((scope) => ({ scope, edit: { expand: true } })),
    }
  }
  if (f.id === 'path-setx-damage') {
    const m = splitPath(hiveValue(run, 'machine', 'Path')?.data ?? '', 'win32')
    const u = splitPath(hiveValue(run, 'user', 'Path')?.data ?? '', 'win32')
    const repeats = m.length >= 3 && m.every((x, i) => folderKey(u[i] ?? '') === folderKey(x))
    return { path: repeats ? [{ scope: 'user', edit: { dropLeading: m.length } }] : [] }
  }
  if (f.id === 'registry-go-order') {
    const first = run.report.input.terminal?.registryGo?.[0]
    const at = first && run.start.path.find((x) => folderKey(x.entry) === folderKey(first.entry))
    const raw = at?.origin.registry?.raw
    return raw && first?.scope === 'machine'
      ? { path: [{ scope: 'machine', edit: { drop: [raw] } }] }
      : { path: [] }
  }
  return { path: [] }
}

/** What each scope's PATH edit is, and which Go variables change, from the findings. */
function edits(
  run: TerminalRun,
  found: Array<{ f: Finding; origin?: Origin; value?: string }>,
  env: NodeJS.ProcessEnv,
) {
  const path: Record<Scope, PathEdit & { shells: Set<ShellName>; why: Set<string> }> = {
    user: { drop: [], first: [], last: [], shells: new Set(), why: new Set() },
    machine: { drop: [], first: [], last: [], shells: new Set(), why: new Set() },
  }
  const vars: Array<{
    scope: Scope
    name: string
    shells: ShellName[]
    id: string
    value?: string
  }> = []
  for (const { f, origin, value } of found) {
    // registry-go-order alone changes nothing: the shells' own findings say which go is wrong
    if (f.id === 'registry-go-order') continue
    const asked = registryEdits(run, f, origin, env)
    if (asked.variable) vars.push({ ...asked.variable, shells: f.shells, id: f.id, value })
    for (const { scope, edit } of asked.path) {
      const at = path[scope]
      at.drop!.push(...(edit.drop ?? []))
      at.first!.push(...(edit.first ?? []))
      at.last!.push(...(edit.last ?? []))
      if (edit.dropLeading) at.dropLeading = edit.dropLeading
      if (edit.expand) at.expand = true
      f.shells.forEach((s) => at.shells.add(s))
      at.why.add(f.id)
    }
  }
  return { path, vars }
}

const isString = (type: string): type is RegStringType =>
  type === 'REG_SZ' || type === 'REG_EXPAND_SZ'

type Skip = { what: string; why: string; shells: ShellName[] }

/** A registry value may be changed: a user value always, a machine one with --system, elevated. */
function refusal(scope: Scope, c: Context): string | undefined {
  if (scope === 'user' || (c.system && c.privileged)) return undefined
  return c.system
    ? 'the machine value needs an elevated terminal'
    : 'the machine value is changed only with --system, in an elevated terminal'
}

const notString = (type: string) => `it is ${type}, not a string value: left as it is`

function pathChange(
  run: TerminalRun,
  scope: Scope,
  edit: ReturnType<typeof edits>['path'][Scope],
): RegistryChange | Skip | null {
  const what = `${KEY[scope]}\\Path`
  const shells = [...edit.shells]
  const now = hiveValue(run, scope, 'Path')
  if (now && !isString(now.type)) return { what, why: notString(now.type), shells }
  const before = now ? { type: now.type as RegStringType, data: now.data } : null
  const after = editPathValue(before ?? { type: 'REG_EXPAND_SZ', data: '' }, edit)
  if (before && after.data === before.data && after.type === before.type) return null
  return {
    kind: 'registry',
    key: KEY[scope],
    name: now?.name ?? 'Path',
    before,
    after,
    shells,
    why: `${[...edit.why].join(', ')}: only the entries at fault change, every %NAME% kept`,
    elevated: scope === 'machine',
  }
}

function varChange(
  run: TerminalRun,
  v: ReturnType<typeof edits>['vars'][number],
): RegistryChange | Skip | null {
  const now = hiveValue(run, v.scope, v.name)
  if (!now) return null
  const what = `${KEY[v.scope]}\\${v.name}`
  if (!isString(now.type)) return { what, why: notString(now.type), shells: v.shells }
  return {
    kind: 'registry',
    key: KEY[v.scope],
    name: now.name,
    before: { type: now.type, data: now.data },
    after: v.value === undefined ? null : { type: now.type, data: v.value },
    shells: v.shells,
    why:
      v.value === undefined
        ? `${v.id}: the reference terminal does not get ${v.name} this way`
        : `${v.id}: ${v.name} as the declared environment says, with what it held`,
    elevated: v.scope === 'machine',
  }
}

export function registryChanges(
  run: TerminalRun,
  found: Array<{ f: Finding; origin?: Origin; value?: string }>,
  c: Context,
): { changes: RegistryChange[]; skipped: Skip[] } {
  const { path, vars } = edits(run, found, c.env)
  const out = { changes: [] as RegistryChange[], skipped: [] as Skip[] }
  const take = (r: RegistryChange | Skip | null) => {
    if (r && 'kind' in r) out.changes.push(r)
    else if (r) out.skipped.push(r)
  }
  for (const scope of ['user', 'machine'] as const) {
    const edit = path[scope]
    if (edit.why.size === 0) continue
    const no = refusal(scope, c)
    take(
      no
        ? { what: `${KEY[scope]}\\Path`, why: no, shells: [...edit.shells] }
        : pathChange(run, scope, edit),
    )
  }
  for (const v of vars) {
    const no = refusal(v.scope, c)
    take(no ? { what: `${KEY[v.scope]}\\${v.name}`, why: no, shells: v.shells } : varChange(run, v))
  }
  return out
}
