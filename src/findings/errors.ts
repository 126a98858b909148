import { describeError } from '../base/errors.js'
import type { Audience } from '../base/types.js'
import { finding, type Finding, type FindingArgs, type FindingId } from './catalog.js'

/**
 * A failure that ends a stage, carrying the finding that reports it. Thrown by the set-up
 * adapters; the run turns it into outputs, a report and a summary like any other finding.
 */
export class FindingError<Id extends FindingId = FindingId> extends Error {
  readonly finding: Finding
  private readonly args: FindingArgs<Id>
  constructor(
    readonly id: Id,
    message: string,
    ...args: FindingArgs<Id>
  ) {
    super(message, args[0]?.cause === undefined ? undefined : { cause: args[0].cause })
    this.name = 'FindingError'
    this.args = args
    this.finding = finding(id, [], message, ...args)
  }

  /** The finding, its fix worded for a reader (a workflow author or a developer). */
  findingFor(audience: Audience): Finding {
    const [o] = this.args
    return finding(this.id, [], this.message, ...([{ ...(o ?? {}), audience }] as FindingArgs<Id>))
  }
}

/** A bad input or option: the message names it and the value. */
export class InputError extends FindingError<'input-invalid'> {
  constructor(message: string) {
    super('input-invalid', message)
    this.name = 'InputError'
  }
}

/** Any error as a finding: ours carry one; anything else is reported as the stage's failure. */
export function findingOf(err: unknown, stage: string, audience: Audience = 'runner'): Finding {
  if (err instanceof FindingError) return err.findingFor(audience)
  return finding(
    'check-error',
    [],
    `the stage "${stage}" failed unexpectedly: ${describeError(err)}`,
    { params: { unexpected: true }, audience },
  )
}
