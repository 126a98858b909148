/** A list of shells, as the shells input and the --shells option take it (pure). */
import { listOf } from '../base/text.js'
import { SHELL_NAMES, type ShellName } from '../base/types.js'
import { InputError } from '../findings/errors.js'

export function parseShells(value: string, inputName = 'shells'): 'auto' | ShellName[] {
  const items = listOf(value.toLowerCase())
  if (items.length === 0 || (items.length === 1 && items[0] === 'auto')) return 'auto'
  const out: ShellName[] = []
  for (const item of items) {
    if (!SHELL_NAMES.includes(item as ShellName)) {
      throw new InputError(
        `${inputName}: ${JSON.stringify(item)} is not a shell this action probes (auto, or a list of: ${SHELL_NAMES.join(', ')})`,
      )
    }
    if (!out.includes(item as ShellName)) out.push(item as ShellName)
  }
  return out
}
