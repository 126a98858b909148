// Runs under the Windows Node (wine) in the Windows test lane. Reads a JSON spec and
// starts what the runner would start for a step, with the step's environment:
//   kind "cmd":    cmd /D /E:ON /V:OFF /S /C "CALL "<file>.cmd"" (script gets @echo off, CRLF)
//   kind "action": node dist/index.js
//   kind "cli":    node <cli bundle> <args...>
// then writes { status, stdout, stderr } as JSON to spec.out.
import fs from 'node:fs'
import { spawnSync } from 'node:child_process'

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
const env = { ...process.env, ...(spec.vars || {}) }
if (spec.prependPath) env.PATH = [...spec.prependPath, process.env.PATH].join(';')
// extra keys are set last and as given: { Path: ... } next to PATH makes two keys
Object.assign(env, spec.extraKeys || {})

let r
if (spec.kind === 'cmd') {
  fs.writeFileSync(spec.file, ['@echo off', ...spec.script.split('\n'), ''].join('\r\n'))
  r = spawnSync(process.env.ComSpec, [`/D /E:ON /V:OFF /S /C "CALL "${spec.file}""`], {
    env,
    cwd: spec.cwd,
    encoding: 'utf8',
    windowsVerbatimArguments: true,
  })
} else if (spec.kind === 'cli') {
  r = spawnSync(process.execPath, [spec.dist, ...spec.args], {
    env,
    cwd: spec.cwd,
    encoding: 'utf8',
  })
} else {
  r = spawnSync(process.execPath, [spec.dist], { env, cwd: spec.cwd, encoding: 'utf8' })
}
fs.writeFileSync(
  spec.out,
  JSON.stringify({
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    error: r.error && r.error.message,
  }),
)
