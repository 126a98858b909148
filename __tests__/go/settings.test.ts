/**
 * How the go command settles a setting (go/settings.ts): tables from Go's rules, and the
 * caches' folders and target held to what the machine's real Go says for the same
 * environment and go env file.
 */
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseGoEnvFile } from '../../src/go/goenv-file.js'
import {
  cacheSettings,
  goEnvFilePath,
  settle,
  userCacheDir,
  userConfigDir,
} from '../../src/go/settings.js'
import { describeWith } from '../helpers/tools.js'

const file = (text: string) => parseGoEnvFile(text)

describe("a setting through Go's layers", () => {
  it.each([
    [
      'the environment first',
      { GOPROXY: 'https://env' },
      'GOPROXY=https://file\n',
      'https://env',
      'environment',
    ],
    [
      'an empty variable is unset for Go',
      { GOPROXY: '' },
      'GOPROXY=https://file\n',
      'https://file',
      'go env file',
    ],
    ['the go env file next', {}, 'GOPROXY=https://file\n', 'https://file', 'go env file'],
    ['the default last', {}, '', 'https://proxy.golang.org,direct', 'default'],
  ])('%s', (_n, env, text, value, layer) => {
    expect(
      settle('GOPROXY', env, { goEnvFile: file(text) }, 'linux', 'https://proxy.golang.org,direct'),
    ).toEqual({ value, layer })
  })
  it("$GOROOT/go.env comes after the go env file and before Go's default", () => {
    const goDotEnv = file('GOTOOLCHAIN=auto\n')
    expect(settle('GOTOOLCHAIN', {}, { goDotEnv }, 'linux', 'local')).toEqual({
      value: 'auto',
      layer: 'go.env',
    })
    expect(
      settle('GOTOOLCHAIN', {}, { goEnvFile: file('GOTOOLCHAIN=local\n'), goDotEnv }, 'linux'),
    ).toEqual({ value: 'local', layer: 'go env file' })
  })
  it('Windows names are case-insensitive', () => {
    expect(settle('GOPATH', { GoPath: 'D:\\go' }, {}, 'win32')).toEqual({
      value: 'D:\\go',
      layer: 'environment',
    })
  })
})

describe("the user's folders, as Go's os package finds them", () => {
  it.each<[NodeJS.Platform, Record<string, string>, string | undefined, string | undefined]>([
    ['linux', { HOME: '/h' }, '/h/.cache', '/h/.config'],
    ['linux', { HOME: '/h', XDG_CACHE_HOME: '/c', XDG_CONFIG_HOME: '/k' }, '/c', '/k'],
    [
      'linux',
      { HOME: '/h', XDG_CACHE_HOME: 'rel', XDG_CONFIG_HOME: 'rel' },
      '/h/.cache',
      '/h/.config',
    ],
    ['linux', {}, undefined, undefined],
    [
      'darwin',
      { HOME: '/Users/u' },
      '/Users/u/Library/Caches',
      '/Users/u/Library/Application Support',
    ],
    ['win32', { LOCALAPPDATA: 'C:\\L', APPDATA: 'C:\\R' }, 'C:\\L', 'C:\\R'],
  ])('%s %j', (platform, env, cache, config) => {
    expect(userCacheDir(env, platform)).toBe(cache)
    expect(userConfigDir(env, platform)).toBe(config)
  })
  it.each<[Record<string, string>, string | undefined]>([
    [{ HOME: '/h' }, '/h/.config/go/env'],
    [{ HOME: '/h', GOENV: '/e' }, '/e'],
    [{ HOME: '/h', GOENV: 'off' }, undefined],
  ])('the go env file %j', (env, want) => {
    expect(goEnvFilePath(env, 'linux')).toBe(want)
  })
})

describeWith(['go'], 'the caches and target, held to what the real Go says', () => {
  const host = JSON.parse(
    spawnSync('go', ['env', '-json', 'GOOS', 'GOARCH'], { encoding: 'utf8' }).stdout,
  ) as { GOOS: string; GOARCH: string }
  const goBin = path.dirname(
    spawnSync('sh', ['-c', 'command -v go'], { encoding: 'utf8' }).stdout.trim(),
  )
  it.each<[string, Record<string, string>, string]>([
    ['defaults under HOME', {}, ''],
    ['GOPATH of two entries', { GOPATH: '/p1:/p2' }, ''],
    ['GOMODCACHE and GOCACHE set', { GOMODCACHE: '/m', GOCACHE: '/c' }, ''],
    ['XDG_CACHE_HOME', { XDG_CACHE_HOME: '/xdg' }, ''],
    ['the go env file', {}, 'GOMODCACHE=/from-file\nGOOS=windows\nGOARCH=arm64\n'],
    ['the environment over the file', { GOOS: 'darwin' }, 'GOOS=windows\nGOPATH=/fp\n'],
    ['an empty variable over the file', { GOCACHE: '' }, 'GOCACHE=/fc\n'],
  ])('%s', (_n, vars, text) => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'gpa-settings-'))
    const env: Record<string, string> = { HOME: home, PATH: `${goBin}:/usr/bin:/bin`, ...vars }
    if (text) {
      mkdirSync(path.join(home, '.config', 'go'), { recursive: true })
      writeFileSync(path.join(home, '.config', 'go', 'env'), text)
    }
    const real = JSON.parse(
      spawnSync('go', ['env', '-json', 'GOMODCACHE', 'GOCACHE', 'GOOS', 'GOARCH'], {
        env,
        encoding: 'utf8',
      }).stdout,
    ) as Record<string, string>
    const fileValues = text ? file(text) : undefined
    expect(
      cacheSettings(env, { goEnvFile: fileValues }, 'linux', {
        goos: host.GOOS,
        goarch: host.GOARCH,
      }),
    ).toEqual(real)
  })
})
