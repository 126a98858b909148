import { finding, type Finding, type FindingExtra, type FindingId } from './catalog.js'

/**
 * A failure that ends a stage, carrying the finding that reports it. Thrown by the set-up
 * adapters; the run turns it into outputs, a report and a summary like any other finding.
 */
export class FindingError extends Error {
  readonly finding: Finding
  constructor(id: FindingId, message: string, extra: FindingExtra = {}) {
    super(message)
    this.name = 'FindingError'
    this.finding = finding(id, [], message, extra)
  }
}

/** A bad input or option: the message names it and the value. */
export class InputError extends FindingError {
  constructor(message: string) {
    super('input-invalid', message)
    this.name = 'InputError'
  }
}
