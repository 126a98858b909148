/**
 * `--fix`: the commands that would fix each error on this machine, for the shell it
 * concerns, ready to copy (pure). Nothing is run.
 */
import type { ShellName } from '../base/types.js'
import type { Finding } from '../findings/catalog.js'
import type { Origin } from '../base/origin.js'
import { psQuote, shQuote } from '../base/text.js'

export interface FixContext {
  platform: NodeJS.Platform
  shell?: ShellName
  gorootBin: string
  gopathBin: string
}

const sq = shQuote
const psq = psQuote

/** Comments out one line of a startup file. */
function commentOut(o: Origin): string[] {
  if (!o.file || !o.line) return []
  if (/\.ps1$/i.test(o.file)) {
    return [
      `# ${o.where}`,
      `$f = ${psq(o.file)}; $l = Get-Content -LiteralPath $f; $l[${o.line - 1}] = '# ' + $l[${o.line - 1}]; Set-Content -LiteralPath $f -Value $l`,
    ]
  }
  return [`# ${o.where}`, `sed -i.bak ${sq(`${o.line}s/^/# /`)} ${sq(o.file)}`]
}

/** Removes an entry from the machine or user PATH in the registry. */
function dropFromRegistry(scope: 'User' | 'Machine', entry: string): string[] {
  return [
    `# remove ${entry} from the ${scope.toLowerCase()} PATH${scope === 'Machine' ? ' (as administrator)' : ''}`,
    `[Environment]::SetEnvironmentVariable('Path', (([Environment]::GetEnvironmentVariable('Path', '${scope}') -split ';') | Where-Object { $_ -and $_.TrimEnd('\\') -ne ${psq(entry.replace(/\\+$/, ''))} }) -join ';', '${scope}')`,
  ]
}

/** Puts a folder on PATH for new terminals of this shell. */
function addToPath(c: FixContext, dir: string, first: boolean): string[] {
  if (c.platform === 'win32' || c.shell === 'pwsh' || c.shell === 'powershell') {
    if (c.platform === 'win32') {
      const user = "[Environment]::GetEnvironmentVariable('Path', 'User')"
      return [
        `# ${first ? 'prepend' : 'append'} ${dir} to the user PATH (new terminals get it)`,
        `[Environment]::SetEnvironmentVariable('Path', ${first ? `${psq(`${dir};`)} + ${user}` : `${user} + ${psq(`;${dir}`)}`}, 'User')`,
      ]
    }
    return [
      `Add-Content -LiteralPath $PROFILE -Value ${psq(first ? `$env:PATH = '${dir}:' + $env:PATH` : `$env:PATH += ':${dir}'`)}`,
    ]
  }
  const rc =
    c.shell === 'zsh'
      ? '~/.zshrc'
      : c.shell === 'sh'
        ? '~/.profile'
        : c.platform === 'darwin'
          ? '~/.bash_profile'
          : '~/.bashrc'
  const line = first ? `export PATH=${sq(dir)}:"$PATH"` : `export PATH="$PATH":${sq(dir)}`
  return [`echo ${sq(line)} >> ${rc}`]
}

/** The commands for one error finding (empty: no command would fix it safely). */
export function fixCommands(f: Finding, origin: Origin | undefined, c: FixContext): string[] {
  if (origin) {
    switch (origin.layer) {
      case 'startup':
      case 'session':
        if (origin.file && origin.line) return commentOut(origin)
        break
      case 'autorun':
        return [
          `# ${origin.where}`,
          `reg delete "${(origin.file ?? '').replace(/\\AutoRun$/, '')}" /v AutoRun /f`,
        ]
      case 'registry':
        if (origin.registry?.raw)
          return dropFromRegistry(
            /^HKLM/i.test(origin.registry.key) ? 'Machine' : 'User',
            origin.registry.raw,
          )
        break
      case 'go env file': {
        const name = {
          'goroot-mismatch': 'GOROOT',
          'gopath-mismatch': 'GOPATH',
          'gotoolchain-mismatch': 'GOTOOLCHAIN',
        }[f.id as string]
        if (name) return [`go env -u ${name}`]
        break
      }
      default:
        break
    }
  }
  switch (f.id) {
    case 'goenv-file-conflict':
      // the finding carries the variable's name
      return typeof f.params?.name === 'string' ? [`go env -u ${f.params.name}`] : []
    case 'go-missing':
      return addToPath(c, c.gorootBin, true)
    case 'gopath-bin-missing':
      return addToPath(c, c.gopathBin, false)
    case 'go-in-workdir':
      return [
        '# cmd then looks for programs on PATH only',
        'setx NoDefaultCurrentDirectoryInExePath 1',
      ]
    default:
      return []
  }
}
