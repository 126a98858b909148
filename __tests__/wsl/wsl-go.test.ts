/**
 * `--go wsl:PATH` on Windows: the Linux Go every WSL row is held to, looked up inside the
 * distribution through wsl.exe (here `__fixtures__/wsl/wsl`, the Linux stand-in, with this
 * machine's sh as the distribution); the parsing and matching as tables. The whole CLI with
 * the Windows-built stand-in runs in the Windows lane (__tests__/windows/lane.test.ts).
 */
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { scratchDir } from '../helpers/scratch.js'
import type { LinuxGo } from '../../src/wsl/startup-files.js'
import { standinFiles } from '../helpers/wsl-standin.js'
import {
  findWslGo,
  matchLinuxGo,
  windowsSideOf,
  wslGoAsked,
  wslGoDirs,
  wslGoRow,
} from '../../src/cli/terminal/wsl-go.js'
import { wslRows } from '../../src/cli/terminal/wsl-terminal.js'
import { wslExpectation } from '../../src/cli/terminal/wsl-terminal.js'
import { InputError } from '../../src/findings/errors.js'
import type { ProbeResult } from '../../src/shells/types.js'

describe('--go wsl:PATH (pure)', () => {
  it.each([
    ['wsl:/usr/local/go', '/usr/local/go'],
    ['WSL:/usr/local/go/', '/usr/local/go'],
    ['wsl:/home/me/sdk//go1.22.5/bin/go', '/home/me/sdk/go1.22.5/bin/go'],
    ['1.22.5', undefined],
    ['C:\\Go', undefined],
    [undefined, undefined],
  ])('%s names %s inside WSL', (go, want) => {
    expect(wslGoAsked(go, 'win32')).toBe(want)
  })
  it.each([
    ['wsl:usr/local/go', 'win32', /does not name a Go inside WSL by an absolute path/],
    ['wsl:~/sdk/go1.22.5', 'win32', /does not name a Go inside WSL by an absolute path/],
    ['wsl:', 'win32', /does not name a Go inside WSL by an absolute path/],
    [
      'wsl:/usr/local/go',
      'linux',
      /names a Go inside WSL, which the command line looks at on Windows only; run it inside the distribution with --go \/usr\/local\/go/,
    ],
  ] as const)('%s on %s is refused', (go, platform, message) => {
    expect(() => wslGoAsked(go, platform)).toThrow(message)
  })

  const gos: LinuxGo[] = [
    { program: '/usr/lib/go-1.21/bin/go', goroot: '/usr/lib/go-1.21', version: '1.21.9' },
    { program: '/usr/local/go/bin/go', goroot: '/usr/local/go', version: '1.22.5' },
  ]
  it.each([
    ['/usr/local/go', '/usr/local/go/bin/go'],
    ['/usr/local/go/bin', '/usr/local/go/bin/go'],
    ['/usr/local/go/bin/go', '/usr/local/go/bin/go'],
    ['/usr/lib/go-1.21', '/usr/lib/go-1.21/bin/go'],
    ['/usr/local', undefined],
    ['/opt/go', undefined],
  ])('%s matches %s', (at, program) => {
    expect(matchLinuxGo(gos, at)?.program).toBe(program)
  })

  it('the folders looked in: the path, its bin, its parent', () => {
    expect(wslGoDirs('/usr/local/go')).toEqual(['/usr/local/go', '/usr/local/go/bin', '/usr/local'])
  })

  it('looked up in the default distribution, else the first checked', () => {
    expect(wslGoRow(wslRows(undefined, ['Ubuntu', 'Debian']))?.distribution).toBe('Ubuntu')
    expect(wslGoRow(wslRows(['wsl:Debian'], ['Ubuntu', 'Debian']))?.distribution).toBe('Debian')
    expect(wslGoRow(undefined)).toBeUndefined()
  })

  it('every answered WSL row is held to that tree, with its own GOPATH; other rows are not', () => {
    const probe = (shell: string, gopath: string) =>
      ({
        shell,
        status: 'ok',
        goEnv: { GOROOT: '/usr/lib/go-1.21', GOPATH: gopath },
      }) as unknown as ProbeResult
    const held = wslExpectation(
      [probe('wsl', '/home/me/go'), probe('wsl:Debian', '/home/d/go'), probe('cmd', 'C:\\go')],
      '/usr/local/go',
    )!
    expect(Object.keys(held)).toEqual(['wsl', 'wsl:Debian'])
    expect(held['wsl:Debian']).toMatchObject({
      goBinary: '/usr/local/go/bin/go',
      gopathBin: '/home/d/go/bin',
    })
  })

  it('the Windows reference: a go of that version, the wording naming both', () => {
    const w = windowsSideOf({ go: gos[1], distribution: 'Ubuntu', asked: '/usr/local/go' })
    expect(w.version).toBe('1.22.5')
    expect(w.how).toBe(
      '--go wsl:/usr/local/go (Go 1.22.5 at /usr/local/go in WSL Ubuntu; on Windows the go of that version)',
    )
    const refused = w.refused(new InputError("--go: no Go 1.22.5 is on any new terminal's PATH"))
    expect((refused as Error).message).toBe(
      "--go wsl:/usr/local/go is Go 1.22.5 in WSL Ubuntu, and on Windows no Go 1.22.5 is on any new terminal's PATH",
    )
  })
})

describe('--go wsl:PATH looked up through wsl.exe (Linux stand-in)', () => {
  const setUp = () => {
    const root = scratchDir('gpa-wslgo-')
    const home = path.join(root, 'home', 'me')
    mkdirSync(home, { recursive: true })
    const tree = path.join(home, 'sdk', 'go1.20.14')
    mkdirSync(path.join(tree, 'bin'), { recursive: true })
    writeFileSync(
      path.join(tree, 'bin', 'go'),
      `#!/bin/sh\nprintf '%s\\ngo1.20.14\\n' '${tree}'\n`,
      { mode: 0o755 },
    )
    return { tree, files: standinFiles(home).files }
  }

  it('the tree, its bin folder or its go: that Go, its version from `go env` inside', async () => {
    const { tree, files } = setUp()
    for (const at of [tree, `${tree}/bin`, `${tree}/bin/go`]) {
      const found = await findWslGo(files, at, `wsl:${at}`)
      expect(found).toEqual({
        go: { program: `${tree}/bin/go`, goroot: tree, version: '1.20.14' },
        distribution: 'Ubuntu',
        asked: at,
      })
    }
  })

  it('nothing there: an input error naming the distribution and what it has', async () => {
    const { tree, files } = setUp()
    await expect(findWslGo(files, '/opt/nogo', 'wsl:/opt/nogo')).rejects.toThrow(
      new RegExp(
        `^--go: "wsl:/opt/nogo": no go that answers \`go env\` is at /opt/nogo in WSL Ubuntu \\(found: .*${tree.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/bin/go \\(1\\.20\\.14\\)`,
      ),
    )
  })
})
