#!/usr/bin/env node
// Makes docs/summary.png and docs/summary-example.md from a real run of dist/index.js on
// this machine: the Go on PATH (install: false), checked in bash and sh, with a BASH_ENV
// script that puts a copy of go first for bash only. Needs Go, bash and Debian's chromium and fonts-noto-color-emoji.
//
//   node scripts/summary-picture.mjs
import { execFileSync, spawnSync } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { marked } from 'marked'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-picture-'))
const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim()

// the runner's folders, named like a hosted runner's
const dirs = {
  temp: path.join(root, 'work', '_temp'),
  toolCache: path.join(root, 'hostedtoolcache'),
  workspace: path.join(root, 'work', 'app', 'app'),
  home: path.join(root, 'home', 'runner'),
}
for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true })

// a second Go that only bash steps put first, through BASH_ENV (paths are shown without root)
const other = path.join(root, 'opt', 'other-go', 'bin')
mkdirSync(other, { recursive: true })
copyFileSync(path.join(goroot, 'bin', 'go'), path.join(other, 'go'))
chmodSync(path.join(other, 'go'), 0o755)
const bashEnv = path.join(dirs.home, '.bash_env')
writeFileSync(bashEnv, `PATH="${other}:$PATH"\n`)

const files = {}
for (const name of ['GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY']) {
  files[name] = path.join(dirs.temp, name.toLowerCase())
  writeFileSync(files[name], '')
}
const r = spawnSync(process.execPath, [path.join(repo, 'dist', 'index.js')], {
  cwd: dirs.workspace,
  encoding: 'utf8',
  env: {
    PATH: `${path.join(goroot, 'bin')}:/usr/bin:/bin`,
    HOME: dirs.home,
    BASH_ENV: bashEnv,
    ...files,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: dirs.workspace,
    RUNNER_TEMP: dirs.temp,
    RUNNER_TOOL_CACHE: dirs.toolCache,
    INPUT_INSTALL: 'false',
    INPUT_SHELLS: 'bash, sh',
    'INPUT_FAIL-ON': 'never',
  },
})
if (r.status !== 0) throw new Error(`the action failed: ${r.stdout}${r.stderr}`)
const markdown = readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')
const shown = markdown.split(root).join('')
writeFileSync(
  path.join(repo, 'docs', 'summary-example.md'),
  `<!-- made by scripts/summary-picture.mjs from a real run; the temporary root folder is left out of the paths -->\n\n${shown}`,
)

const html = `<!doctype html><meta charset="utf-8"><style>
body { font: 14px/1.5 -apple-system, "DejaVu Sans", sans-serif; color: #1f2328; margin: 24px; width: 1050px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border: 1px solid #d1d9e0; padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
code { font: 12px "DejaVu Sans Mono", monospace; background: #eff1f3; padding: 1px 4px; border-radius: 4px; }
h2 { border-bottom: 1px solid #d1d9e0; padding-bottom: 6px; }
</style><body>${marked.parse(shown)}</body>`
const page = path.join(root, 'summary.html')
writeFileSync(page, html)
const lines = shown.split('\n').length
const height = Math.min(4000, 160 + lines * 28)
execFileSync(
  'chromium',
  [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--hide-scrollbars',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${path.join(root, 'chromium')}`,
    `--window-size=1100,${height}`,
    `--screenshot=${path.join(repo, 'docs', 'summary.png')}`,
    `file://${page}`,
  ],
  { stdio: 'ignore' },
)
console.log(`docs/summary.png and docs/summary-example.md from ${root}`)
