/** What a shell printed on stderr, told apart from what shells print on their own (pure). */

/** Lines shells print on their own when started without a terminal; not errors. */
const NOISE = [
  /cannot set terminal process group/,
  /no job control in this shell/,
  /^bash: initialize_job_control/,
  /^zsh: can't set tty pgrp/,
  /can't access tty; job control turned off/,
]

/** Words of an error message (a banner or a plain notice on stderr is not one). */
const ERROR_WORDS =
  /error|exception|not found|no such file|cannot|can't|denied|failed|unexpected|syntax|not recognized|is not/i

/**
 * What the shell printed on stderr while starting, when it reads as an error: ANSI-free,
 * without the lines shells print on their own when started without a terminal.
 */
export function startupErrors(stderr: string): string {
  const text = stderrText(stderr)
  return text.split('\n').some((l) => ERROR_WORDS.test(l)) ? text : ''
}

/** stderr without ANSI colours and without what shells print on their own. */
export function stderrText(stderr: string): string {
  return (
    stderr
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\[[0-9;]*[A-Za-z]/g, '')
      .split(/\r?\n/)
      .map((l) => l.trimEnd())
      .filter((l) => l.trim() && !NOISE.some((n) => n.test(l)))
      .join('\n')
  )
}
