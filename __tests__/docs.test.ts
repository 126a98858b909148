import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

const root = new URL('../', import.meta.url)
const action = parse(readFileSync(new URL('action.yml', root), 'utf8')) as {
  inputs: Record<string, { description: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}
const readme = readFileSync(new URL('README.md', root), 'utf8')
const sources = ['main.ts', 'inputs.ts']
  .map((f) => readFileSync(new URL(`src/${f}`, root), 'utf8'))
  .join('\n')

describe('action.yml and README agree with the code', () => {
  it('runs on node24 from dist/index.js', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })
  it.each(Object.keys(action.inputs))('input %s is documented and read', (name) => {
    expect(action.inputs[name].description.length).toBeGreaterThan(10)
    expect(readme).toContain(`| \`${name}\` |`)
    expect(sources).toContain(`'${name}'`)
  })
  it.each(Object.keys(action.outputs))('output %s is documented and set', (name) => {
    expect(readme).toContain(`| \`${name}\` |`)
    expect(sources).toContain(`setOutput('${name}'`)
  })
  it('every finding id the code can produce is documented', () => {
    const files = ['check/rules.ts', 'wsl/setup.ts']
      .map((f) => readFileSync(new URL(`src/${f}`, root), 'utf8'))
      .join('\n')
    const ids = new Set([
      ...[...files.matchAll(/id: '([a-z-]+)'/g)].map((m) => m[1]),
      ...[...files.matchAll(/'([a-z-]+)',\n\s+t\./g)].map((m) => m[1]),
      ...[...files.matchAll(/inGo \? '([a-z-]+)' : '([a-z-]+)'/g)].flatMap((m) => [m[1], m[2]]),
      'goroot-mismatch',
      'gopath-mismatch',
    ])
    expect(ids.size).toBeGreaterThan(25)
    for (const id of ids) expect(readme).toContain(`\`${id}\``)
  })
  it('every input the code reads is declared', () => {
    const read = [
      ...readFileSync(new URL('src/inputs.ts', root), 'utf8').matchAll(
        /raw\('([a-z-]+)'\)|bool\(raw, '([a-z-]+)'/g,
      ),
    ].map((m) => m[1] ?? m[2])
    for (const name of read) expect(Object.keys(action.inputs)).toContain(name)
  })
})
