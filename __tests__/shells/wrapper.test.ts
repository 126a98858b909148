/** A function named go that only runs the go on PATH is a wrapper (pure). */
import { describe, expect, it } from '@jest/globals'
import { isGoWrapper } from '../../src/shells/wrapper.js'

describe('isGoWrapper', () => {
  it.each([
    ['bash, as declare -f prints it', 'go () \n{ \n    command go "$@"\n}', true],
    ['zsh, as $functions holds it', '\tcommand go "$@"', true],
    ['fish, as functions --no-details prints it', 'function go\n    command go $argv\nend', true],
    ['PowerShell', '& (Get-Command go -CommandType Application) @args', true],
    [
      'PowerShell, the first one',
      '& (Get-Command go -CommandType Application | Select-Object -First 1) @args',
      true,
    ],
    ['PowerShell, lower case', '& (get-command go -commandtype application) @args', true],
    ['with a comment', 'go () \n{ \n    # the real one\n    command go "$@"\n}', true],
    ['another go', 'go () \n{ \n    /opt/old/bin/go "$@"\n}', false],
    ['more than a wrapper', 'go () \n{ \n    echo wrapped >&2;\n    command go "$@"\n}', false],
    ['arguments dropped', 'go () \n{ \n    command go\n}', false],
    ['arguments changed', 'go () \n{ \n    command go build "$@"\n}', false],
    ['PowerShell, a fixed path', '& /opt/old/bin/go @args', false],
    ['nothing', '', false],
  ])('%s', (_, body, want) => {
    expect(isGoWrapper(body)).toBe(want)
  })
})
