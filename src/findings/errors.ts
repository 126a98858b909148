import type { Audience } from '../base/types.js'
import { finding, type Finding, type FindingExtra, type FindingId } from './catalog.js'

/**
 * A failure that ends a stage, carrying the finding that reports it. Thrown by the set-up
 * adapters; the run turns it into outputs, a report and a summary like any other finding.
 */
export class FindingError extends Error {
  readonly finding: Finding
  constructor(
    readonly id: FindingId,
    message: string,
    readonly extra: FindingExtra = {},
  ) {
    super(message)
    this.name = 'FindingError'
    this.finding = finding(id, [], message, extra)
  }

  /** The finding, its fix worded for a reader (a workflow author or a developer). */
  findingFor(audience: Audience): Finding {
    return finding(this.id, [], this.message, { audience, ...this.extra })
  }
}

/** A bad input or option: the message names it and the value. */
export class InputError extends FindingError {
  constructor(message: string) {
    super('input-invalid', message)
    this.name = 'InputError'
  }
}
