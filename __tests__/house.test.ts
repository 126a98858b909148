/**
 * The shape of src/, read from the code with the TypeScript compiler: folders form layers
 * (a folder imports only folders below it), no import circles, no file over 350 lines, and
 * at most three functions of 60 lines or more (docs/design.md says why each one is).
 */
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

/**
 * Two wings over one core. The core's folders are named for their concept and ordered bottom
 * up: a folder may import itself and the folders before it, never one after it, and never a
 * wing. Each wing (the action, the CLI) is its own stack of folders over the whole core, and
 * neither wing imports the other: what both need lives in the core. The entry files
 * (src/*.ts) stand on top.
 */
const CORE = [
  'base',
  'paths',
  'findings',
  'files',
  'processes',
  'registry',
  'go',
  'download',
  'shells',
  'check',
  'attribution',
  'wsl',
  'report',
]
const WINGS: Record<string, string[]> = {
  action: ['action/cache', 'action/report', 'action'],
  cli: ['cli/start', 'cli/terminal', 'cli/fixes', 'cli'],
}
const LAYERS = [...CORE, ...WINGS.action, ...WINGS.cli, '.']

const src = path.resolve(import.meta.dirname, '..', 'src')

function sources(dir = src): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name)
    if (d.isDirectory()) return sources(p)
    return d.name.endsWith('.ts') ? [p] : []
  })
}

const files = sources().map((file) => {
  const text = readFileSync(file, 'utf8')
  return { file, text, ast: ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true) }
})

const rel = (f: string) => path.relative(src, f)
/** The deepest layer folder that holds a file (`cli/fixes`, `check`, `.`). */
const layerOf = (f: string) => {
  const parts = rel(f).split(path.sep).slice(0, -1)
  for (let n = parts.length; n > 0; n--) {
    const folder = parts.slice(0, n).join('/')
    if (LAYERS.includes(folder)) return folder
  }
  return parts.length === 0 ? '.' : parts.join('/')
}
const wingOf = (layer: string) =>
  Object.keys(WINGS).find((w) => WINGS[w].includes(layer)) ?? (layer === '.' ? '.' : 'core')

/** Every relative import (type-only ones too) of a file, as the file it names. */
function importsOf(f: (typeof files)[number]): string[] {
  const out: string[] = []
  const visit = (n: ts.Node) => {
    if (
      (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) &&
      n.moduleSpecifier &&
      ts.isStringLiteral(n.moduleSpecifier) &&
      n.moduleSpecifier.text.startsWith('.')
    ) {
      out.push(path.resolve(path.dirname(f.file), n.moduleSpecifier.text.replace(/\.js$/, '.ts')))
    }
    ts.forEachChild(n, visit)
  }
  visit(f.ast)
  return out
}

/** Functions, methods and arrows of 60 lines or more, with their place. */
function longFunctions(): string[] {
  const out: string[] = []
  for (const f of files) {
    const visit = (n: ts.Node) => {
      if (
        ts.isFunctionDeclaration(n) ||
        ts.isMethodDeclaration(n) ||
        ts.isArrowFunction(n) ||
        ts.isFunctionExpression(n)
      ) {
        const from = f.ast.getLineAndCharacterOfPosition(n.getStart()).line
        const to = f.ast.getLineAndCharacterOfPosition(n.getEnd()).line
        if (to - from + 1 >= 60) out.push(`${rel(f.file)}:${from + 1} (${to - from + 1} lines)`)
      }
      ts.forEachChild(n, visit)
    }
    visit(f.ast)
  }
  return out
}

describe('the house', () => {
  it('every folder of src/ has its layer', () => {
    expect(
      [...new Set(files.map((f) => layerOf(f.file)))].filter((l) => !LAYERS.includes(l)),
    ).toEqual([])
  })

  it('neither wing imports the other, and the core imports no wing', () => {
    const crossing = files.flatMap((f) => {
      const from = wingOf(layerOf(f.file))
      return importsOf(f)
        .filter((to) => {
          const wing = wingOf(layerOf(to))
          return wing !== 'core' && wing !== from && from !== '.'
        })
        .map((to) => `${rel(f.file)} -> ${rel(to)}`)
    })
    expect(crossing).toEqual([])
  })

  it('no folder imports a folder above it', () => {
    const upward = files.flatMap((f) =>
      importsOf(f)
        .filter((to) => LAYERS.indexOf(layerOf(to)) > LAYERS.indexOf(layerOf(f.file)))
        .map((to) => `${rel(f.file)} -> ${rel(to)}`),
    )
    expect(upward).toEqual([])
  })

  it('no import circle', () => {
    const graph = new Map(files.map((f) => [f.file, importsOf(f)]))
    const circles: string[] = []
    const state = new Map<string, 'open' | 'done'>()
    const walk = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return
      if (state.get(file) === 'open') {
        circles.push([...trail.slice(trail.indexOf(file)), file].map(rel).join(' -> '))
        return
      }
      state.set(file, 'open')
      for (const to of graph.get(file) ?? []) walk(to, [...trail, file])
      state.set(file, 'done')
    }
    for (const f of graph.keys()) walk(f, [])
    expect(circles).toEqual([])
  })

  it('no file over 350 lines', () => {
    const big = files
      .map((f) => ({ file: rel(f.file), lines: f.text.split('\n').length }))
      .filter((f) => f.lines > 350)
    expect(big).toEqual([])
  })

  it('at most three functions of 60 lines or more', () => {
    expect(longFunctions().length).toBeLessThanOrEqual(3)
  })
})
