/** VS Code's settings (JSON with comments): the Go folders go.goroot and go.alternateTools name. */
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { editorGoFolders, readEditorGos, userSettingsFiles } from '../../src/cli/terminal/editor.js'
import { scratchDir } from '../helpers/scratch.js'

describe('the Go folders VS Code settings name', () => {
  it.each([
    ['go.goroot', '{ "go.goroot": "/opt/go" }', ['/opt/go/bin go.goroot']],
    [
      'comments and a trailing comma',
      '// mine\n{\n  /* the team Go */ "go.goroot": "~/sdk/go1.22.5",\n}\n',
      ['/h/sdk/go1.22.5/bin go.goroot'],
    ],
    [
      'go.alternateTools go, ${workspaceFolder}',
      '{ "go.alternateTools": { "go": "${workspaceFolder}/tools/go/bin/go" } }',
      ['/w/tools/go/bin go.alternateTools'],
    ],
    ['another variable: left out', '{ "go.goroot": "${env:GOROOT}" }', []],
    ['a relative path: left out', '{ "go.goroot": "go" }', []],
    ['not an object', '[1, 2]', []],
    ['not JSON at all', 'go.goroot = /opt/go', []],
    ['a value of another type', '{ "go.goroot": 12, "go.alternateTools": "x" }', []],
  ])('%s', (_n, text, want) => {
    expect(
      editorGoFolders(text, 's.json', '/h', '/w', 'linux').map((g) => `${g.folder} ${g.setting}`),
    ).toEqual(want)
  })
  it('Windows paths', () => {
    expect(
      editorGoFolders('{"go.goroot": "C:\\\\Go"}', 's.json', 'C:\\Users\\me', undefined, 'win32'),
    ).toEqual([{ folder: 'C:\\Go\\bin', setting: 'go.goroot', file: 's.json' }])
  })
  it('where the user settings are, by platform', () => {
    expect(userSettingsFiles({}, 'linux', '/h')[0]).toBe('/h/.config/Code/User/settings.json')
    expect(userSettingsFiles({}, 'darwin', '/h')[0]).toBe(
      '/h/Library/Application Support/Code/User/settings.json',
    )
    expect(userSettingsFiles({ APPDATA: 'C:\\U\\AppData\\Roaming' }, 'win32', 'C:\\U')[1]).toBe(
      'C:\\U\\AppData\\Roaming\\Code - Insiders\\User\\settings.json',
    )
  })
  it("read from the user's and the workspace's files (the working folder and above)", () => {
    const root = scratchDir('gpa-editor-')
    const home = path.join(root, 'home')
    const ws = path.join(root, 'ws')
    mkdirSync(path.join(home, '.config', 'Code', 'User'), { recursive: true })
    mkdirSync(path.join(ws, '.vscode'), { recursive: true })
    mkdirSync(path.join(ws, 'sub'), { recursive: true })
    writeFileSync(path.join(home, '.config/Code/User/settings.json'), '{"go.goroot": "/u/go"}')
    writeFileSync(path.join(ws, '.vscode/settings.json'), '{"go.goroot": "${workspaceFolder}/go"}')
    expect(readEditorGos({}, 'linux', home, path.join(ws, 'sub')).map((g) => g.folder)).toEqual([
      '/u/go/bin',
      `${ws}/go/bin`,
    ])
  })
})
