/**
 * The Go problem matcher, against real output of the Go on this machine (a compile error,
 * a vet error, a failing test), applied as the runner applies it: colour codes stripped,
 * then the pattern as an ECMAScript regular expression (the runner's RegexOptions are
 * CultureInvariant | ECMAScript).
 */
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { repoRoot } from '../helpers/action.js'
import { describeWith } from '../helpers/tools.js'

describeWith(['go'], 'the Go problem matcher (real go output)', () => {
  interface Pattern {
    regexp: string
    file: number
    line: number
    column: number
    message: number
  }
  const config = JSON.parse(readFileSync(path.join(repoRoot, 'matchers', 'go.json'), 'utf8')) as {
    problemMatcher: Array<{ owner: string; pattern: Pattern[] }>
  }
  const pattern = config.problemMatcher[0].pattern[0]

  /** What the runner makes of one output line. */
  function match(line: string) {
    // eslint-disable-next-line no-control-regex
    const stripped = line.replace(/\u001b\[[0-9;]*m/g, '')
    const m = new RegExp(pattern.regexp).exec(stripped)
    if (!m) return null
    return {
      file: m[pattern.file],
      line: m[pattern.line],
      column: m[pattern.column],
      message: m[pattern.message],
    }
  }

  function goOutput(): { build: string; vet: string; test: string } {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gpa-matcher-'))
    mkdirSync(path.join(dir, 'pkg', 'x'), { recursive: true })
    mkdirSync(path.join(dir, 'pkg', 't'), { recursive: true })
    writeFileSync(path.join(dir, 'go.mod'), 'module example.com/m\n\ngo 1.19\n')
    writeFileSync(path.join(dir, 'main.go'), 'package main\n\nfunc main() {\n\tx := 1\n}\n')
    writeFileSync(
      path.join(dir, 'pkg', 'x', 'y.go'),
      'package x\n\nimport "fmt"\n\nfunc F() {\n\tfmt.Printf("%d\\n", "s")\n}\n',
    )
    writeFileSync(
      path.join(dir, 'pkg', 't', 'z_test.go'),
      'package t\n\nimport "testing"\n\nfunc TestZ(t *testing.T) {\n\tt.Errorf("want %d, got %d", 1, 2)\n}\n',
    )
    const go = (...args: string[]) => {
      const r = spawnSync('go', args, {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, HOME: dir, GOFLAGS: '-mod=mod' },
      })
      return `${r.stdout}${r.stderr}`
    }
    return { build: go('build', '.'), vet: go('vet', './pkg/x'), test: go('test', './pkg/t') }
  }

  describe('the Go problem matcher on real go output', () => {
    const out = goOutput()
    const matches = (text: string) => text.split('\n').map(match).filter(Boolean)

    it('a compile error: ./main.go:4:2', () => {
      expect(matches(out.build)).toEqual([
        { file: './main.go', line: '4', column: '2', message: 'x declared but not used' },
      ])
    })
    it('a vet error in a sub-package, no leading ./: pkg/x/y.go:6:2', () => {
      expect(matches(out.vet)).toEqual([
        {
          file: 'pkg/x/y.go',
          line: '6',
          column: '2',
          message: 'fmt.Printf format %d has arg "s" of wrong type string',
        },
      ])
    })
    it('a failing test, indented and without a column: z_test.go:6', () => {
      expect(matches(out.test)).toEqual([
        { file: 'z_test.go', line: '6', column: undefined, message: 'want 1, got 2' },
      ])
    })
    it.each([
      ['.\\main.go:4:2: x declared but not used', '.\\main.go'],
      ['C:\\a\\repo\\main.go:4:2: x declared but not used', 'C:\\a\\repo\\main.go'],
      ['\u001b[31m./main.go:4:2: coloured\u001b[0m', './main.go'],
    ])('Windows and coloured forms: %j', (line, file) => {
      expect(match(line)?.file).toBe(file)
    })
    it.each([
      '# example.com/m',
      'FAIL\texample.com/m/pkg/t\t0.002s',
      '--- FAIL: TestZ (0.00s)',
      'ok  \texample.com/m\t0.1s',
      'go: downloading x v1.0.0',
    ])('leaves %j alone', (line) => expect(match(line)).toBeNull())
  })
})
