/** Where the stages report progress; the action's adapter escapes every line. */
export interface Log {
  info(message: string): void
  warning(message: string): void
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
}

/** A log that drops everything (the CLI, tests). */
export const silentLog: Log = {
  info: () => {},
  warning: () => {},
  group: (_name, fn) => fn(),
}
