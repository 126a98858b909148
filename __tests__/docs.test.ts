import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { parse } from 'yaml'
import { INPUT_DEFAULTS, parseInputs } from '../src/action/inputs.js'
import {
  CATALOG,
  finding,
  FINDING_IDS,
  hintOf,
  severitiesOf,
  type FindingId,
} from '../src/findings/catalog.js'
import { CODE_OF } from '../src/findings/exit-code.js'
import { findingsTable } from '../src/findings/table.js'

const root = new URL('../', import.meta.url)
const action = parse(readFileSync(new URL('action.yml', root), 'utf8')) as {
  name: string
  description: string
  inputs: Record<string, { description: string; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}
const readme = readFileSync(new URL('README.md', root), 'utf8')

/** The inputs parseInputs reads, found by running it. */
function inputsRead(): Set<string> {
  const seen = new Set<string>()
  parseInputs(
    (name) => {
      seen.add(name)
      return ''
    },
    {},
    'x64',
  )
  return seen
}

/** The README's findings table: id -> the code column. */
function readmeFindings(): Map<string, string> {
  const lines = readme.slice(readme.indexOf('### Findings')).split('\n')
  const start = lines.findIndex((l) => l.startsWith('| id |'))
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'))
  const rows = lines.slice(start + 2, end)
  const out = new Map<string, string>()
  for (const row of rows) {
    const [ids, code] = row.split('|').slice(1, 3)
    for (const m of ids.matchAll(/`([a-z0-9-]+)`/g)) {
      expect(out.has(m[1])).toBe(false)
      out.set(m[1], code.trim())
    }
  }
  return out
}

describe('action.yml and README agree with the code', () => {
  it('runs on node24 from dist/index.js, with a post step that saves the caches after a success', () => {
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/index.js',
      post: 'dist/post/index.js',
      'post-if': 'success()',
    })
    expect(existsSync(new URL('dist/post/index.js', root))).toBe(true)
  })
  it('the description fits the Marketplace (fewer than 125 characters)', () => {
    expect(action.description.length).toBeLessThan(125)
    expect(action.name.length).toBeLessThanOrEqual(40)
  })
  it('every declared input is read, and every input read is declared', () => {
    expect([...inputsRead()].sort()).toEqual(Object.keys(action.inputs).sort())
  })
  it.each(Object.keys(action.inputs))(
    'input %s: the code takes the default action.yml declares',
    (name) => {
      const declared = action.inputs[name].default ?? ''
      const code = INPUT_DEFAULTS[name as keyof typeof INPUT_DEFAULTS]
      // token's default is the job's token, an expression only the runner can expand
      expect(name === 'token' ? '' : declared).toBe(code)
    },
  )
  it.each(Object.keys(action.inputs))('input %s is documented in the README', (name) => {
    expect(action.inputs[name].description.length).toBeGreaterThan(10)
    expect(readme).toContain(`| \`${name}\` |`)
  })
  it.each(Object.keys(action.outputs))('output %s is documented in the README', (name) => {
    expect(readme).toContain(`| \`${name}\` |`)
  })
})

describe("the README's findings table is the catalog", () => {
  it('word for word, as src/findings/table.ts draws it (`npm run docs` writes it after a change)', () => {
    const at = readme.indexOf('### Findings')
    const lines = readme.slice(at).split('\n')
    const start = lines.findIndex((l) => l.startsWith('| id |'))
    const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'))
    const now = lines.slice(start, end).join('\n')
    if (process.env.GPA_WRITE_DOCS === '1' && now !== findingsTable()) {
      writeFileSync(
        new URL('README.md', root),
        readme.slice(0, at) + readme.slice(at).replace(now, () => findingsTable()),
      )
      return
    }
    expect(now).toBe(findingsTable())
  })
  const table = readmeFindings()
  it.each(FINDING_IDS)('%s is in the table with its code', (id: FindingId) => {
    const e = CATALOG[id]
    const code = e.severity === 'error' ? String(CODE_OF[e.category]) : '—'
    expect(table.get(id)).toBe(code)
  })
  it('the table names nothing the catalog does not have', () => {
    expect([...table.keys()].filter((id) => !(id in CATALOG))).toEqual([])
  })
})

describe('the catalog holds which severities each finding may have', () => {
  it('a finding with a severity its record does not allow is refused', () => {
    expect(() =>
      finding('go-missing', [], 'x', { severity: 'warning', params: { gorootBin: '/g' } }),
    ).toThrow('go-missing is never a warning (its record allows error)')
    expect(finding('gopath-bin-missing', [], 'x', { severity: 'warning' }).severity).toBe('warning')
    expect(severitiesOf('gomod-newer')).toEqual(['error', 'warning', 'notice'])
  })
  it("a fix is worded from the finding's own values, which it keeps", () => {
    const f = finding('goenv-file-conflict', [], 'x', { params: { name: 'GOROOT', crlf: true } })
    expect(f.hint).toBe(
      'Run `go env -u GOROOT` to remove it from the go env file, or save the file with LF line ends.',
    )
    expect(f.params).toEqual({ name: 'GOROOT', crlf: true })
    expect(hintOf('go-not-found', 'terminal')).toMatch(
      /^Install Go, and put its bin folder on PATH/,
    )
  })
})
