/** A problem with what the user asked for; the message names the input and the value. */
export class InputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InputError'
  }
}

/** Turns anything thrown into a message, keeping the cause chain readable. */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause === undefined ? '' : ` (cause: ${describeError(err.cause)})`
    return `${err.message}${cause}`
  }
  return String(err)
}
