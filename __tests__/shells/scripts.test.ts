/**
 * The probe and start-up scripts are real files: each is checked by its own shell's tools
 * (shellcheck for the sh family, fish's parser, PowerShell's parser) as it runs, its lists
 * of names put in, and each is what the bundle ships beside itself.
 */
import { expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { scriptText, type ScriptName } from '../../src/shells/scripts.js'
import { bundleDir } from '../helpers/action.js'
import { describeWith, toolPath } from '../helpers/tools.js'

const src = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'src')
const dirs = [path.join(src, 'shells', 'scripts'), path.join(src, 'wsl', 'scripts')]
const all = dirs.flatMap((d) => readdirSync(d).map((f) => path.join(d, f))).sort()
const files = all.map((f) => path.basename(f))
const checked = mkdtempSync(path.join(os.tmpdir(), 'gpa-scripts-'))
/** Each script as a shell runs it (a probe's marker and the lists of names in it), by its name. */
const withExt = (ext: string) =>
  all
    .filter((f) => f.endsWith(ext))
    .map((f) => {
      if (!f.includes(`${path.sep}shells${path.sep}`)) return f
      const out = path.join(checked, path.basename(f))
      writeFileSync(out, scriptText(path.basename(f) as ScriptName, 'GPA0123456789abcdef'))
      return out
    })

describeWith(['shellcheck'], 'the sh-family scripts pass shellcheck', () => {
  it.each(withExt('.sh'))('%s', (file) => {
    const r = spawnSync(toolPath('shellcheck')!, ['--severity=style', file], { encoding: 'utf8' })
    expect(r.stdout).toBe('')
    expect(r.status).toBe(0)
  })
})

describeWith(['fish'], 'the fish scripts parse (fish --no-execute)', () => {
  it.each(withExt('.fish'))('%s', (file) => {
    const r = spawnSync(toolPath('fish')!, ['--no-execute', file], { encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })
})

describeWith(['pwsh'], "the PowerShell scripts parse (PowerShell's own parser)", () => {
  it.each(withExt('.ps1'))('%s', (file) => {
    const r = spawnSync(
      toolPath('pwsh')!,
      [
        '-NoProfile',
        '-Command',
        `$e = $null; $null = [System.Management.Automation.Language.Parser]::ParseFile('${file}', [ref]$null, [ref]$e); $e | ForEach-Object { $_.ToString() }; exit $e.Count`,
      ],
      { encoding: 'utf8' },
    )
    expect(r.stdout.trim()).toBe('')
    expect(r.status).toBe(0)
  })
})

/** Scripts only the command line runs (--apply inside WSL): not beside the action's bundle. */
const CLI_ONLY = new Set(['startup-files.sh'])

it('every script is shipped beside each bundle that runs it, byte for byte (the action’s bundle lacks only the command line’s own)', () => {
  for (const f of files) {
    for (const bundle of ['dist', path.join('dist', 'cli')]) {
      if (bundle === 'dist' && CLI_ONLY.has(f)) {
        expect(existsSync(path.join(bundleDir(), bundle, f))).toBe(false)
        continue
      }
      expect(readFileSync(path.join(bundleDir(), bundle, f), 'utf8')).toBe(
        readFileSync(all[files.indexOf(f)], 'utf8'),
      )
    }
  }
})

it('each bundle loads every script by its own name (no copy under a hashed name, which the single executable would not carry)', () => {
  for (const bundle of ['dist', path.join('dist', 'cli'), path.join('dist', 'post')]) {
    const dir = path.join(bundleDir(), bundle)
    const hashed = readdirSync(dir).filter((n) => /^[0-9a-f]{16,}\.\w+$/.test(n))
    expect({ bundle, hashed }).toEqual({ bundle, hashed: [] })
    for (const js of readdirSync(dir).filter((n) => n.endsWith('.js'))) {
      expect(readFileSync(path.join(dir, js), 'utf8')).not.toMatch(/\.p\+"[0-9a-f]{16,}\./)
    }
  }
})
