/** The CLI's command line (pure): each option, and each error naming the option and the value. */
import { describe, expect, it } from '@jest/globals'
import { parseCli, type CliOptions } from '../../src/cli/args.js'

const parsed = (argv: string[]) => parseCli(argv) as CliOptions

describe('parseCli', () => {
  it('nothing given: the defaults', () => {
    expect(parsed([])).toMatchObject({
      shells: 'auto',
      json: false,
      fix: false,
      apply: false,
      yes: false,
      system: false,
      undo: undefined,
      timeoutMs: 30_000,
      checkModules: true,
      workingDirectory: '.',
    })
  })
  it.each([
    [['--undo'], true],
    [['--undo', '20261201-153000-a1b2c3'], '20261201-153000-a1b2c3'],
    [['--undo=20261201-153000-a1b2c3'], '20261201-153000-a1b2c3'],
    [['--undo', '--verbose'], true],
  ])('%j: undo is %j', (argv, want) => {
    expect(parsed(argv).undo).toBe(want)
  })
  it('--apply with --yes and --system', () => {
    expect(parsed(['--apply', '--yes', '--system'])).toMatchObject({
      apply: true,
      yes: true,
      system: true,
    })
  })
  it.each([
    [['--undo', 'latest'], '--undo: "latest" is not a journal id'],
    [['--undo', '--apply'], '--undo: it cannot be given with --apply or --fix'],
    [['--yes'], '--yes: it only goes with --apply'],
    [['--system'], '--system: it only goes with --apply'],
    [['--apply', '--json'], '--apply: it shows its changes as text, not with --json'],
    [['--probe-timeout', '0'], '--probe-timeout: "0" is not a number of seconds from 1 to 3600'],
    [['--go', ' '], '--go: " " is not a path or a version'],
    [['--shells', 'tcsh'], '--shells: "tcsh" is not a shell this action probes'],
    [['--nope'], "Unknown option '--nope'"],
  ])('%j: %s', (argv, message) => {
    expect(() => parseCli(argv)).toThrow(message)
  })
})
