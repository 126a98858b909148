/** The PATH folders installers add for their own programs (pure). */
import { expect, it } from '@jest/globals'
import { installerOf } from '../../src/paths/installers.js'

it.each([
  ['C:\\Users\\me\\AppData\\Local\\Microsoft\\WinGet\\Links', "winget's Links (portable installs)"],
  ['C:\\Users\\me\\scoop\\shims', "Scoop's shims"],
  ['D:\\apps\\Scoop\\shims\\', "Scoop's shims"],
  [
    'C:\\Users\\me\\AppData\\Local\\Programs\\go-path-arbiter',
    "go-path-arbiter's own (install.ps1 -Install)",
  ],
  ['C:\\Users\\me\\AppData\\Local\\Programs\\Go\\bin', undefined],
  ['/home/me/.local/bin', undefined],
])('%s', (entry, want) => {
  expect(installerOf(entry)).toBe(want)
})
