import { describe, expect, it } from '@jest/globals'
import { isWslLauncher } from '../../src/shells/adapters.js'

describe('the WSL launcher, told from a bash (documented behaviour: actions/runner#216, runner-images#12646)', () => {
  it.each([
    ['C:\\WINDOWS\\system32\\bash.EXE', true],
    ['C:\\Windows\\System32\\bash.exe', true],
    ['C:\\Windows\\SysWOW64\\bash.exe', true],
    ['C:\\Windows\\Sysnative\\bash.exe', true],
    ['C:\\Windows\\System32\\wsl.exe', true],
    ['C:\\Users\\dev\\AppData\\Local\\Microsoft\\WindowsApps\\bash.exe', true],
    ['C:/Windows/System32/bash.exe', true],
    ['C:\\Program Files\\Git\\bin\\bash.exe', false],
    ['C:\\Program Files\\Git\\usr\\bin\\bash.exe', false],
    ['C:\\msys64\\usr\\bin\\bash.exe', false],
    ['D:\\tools\\Windows\\System32-copy\\bash.exe', false],
    ['/usr/bin/bash', false],
  ])('%s: %s', (file, want) => {
    expect(isWslLauncher(file)).toBe(want)
  })
})
