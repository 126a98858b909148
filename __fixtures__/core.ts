/**
 * A fake of @actions/core for in-process tests of run() (the official typescript-action
 * template's pattern): inputs come from a map, and outputs, exports, annotations, the
 * summary and the failure are recorded. Each function is typed as the real one, so a
 * change in how the code calls the toolkit shows here as a type error.
 */
import { jest } from '@jest/globals'
import type * as Core from '@actions/core'

export const state = {
  inputs: {} as Record<string, string>,
  outputs: {} as Record<string, string>,
  exported: {} as Record<string, string>,
  paths: [] as string[],
  log: [] as string[],
  annotations: [] as Array<{ level: string; message: string; title?: string }>,
  summary: '',
  failed: undefined as string | undefined,
}

export function reset(inputs: Record<string, string> = {}): void {
  Object.assign(state, {
    inputs,
    outputs: {},
    exported: {},
    paths: [],
    log: [],
    annotations: [],
    summary: '',
    failed: undefined,
  })
}

const text = (m: string | Error) => (typeof m === 'string' ? m : m.message)

export const getInput = jest.fn<typeof Core.getInput>((name) => state.inputs[name] ?? '')
export const setOutput = jest.fn<typeof Core.setOutput>((name, value) => {
  state.outputs[name] = String(value)
})
export const exportVariable = jest.fn<typeof Core.exportVariable>((name, value) => {
  state.exported[name] = String(value)
  process.env[name] = String(value)
})
export const addPath = jest.fn<typeof Core.addPath>((p) => {
  state.paths.push(p)
  process.env.PATH = `${p}:${process.env.PATH ?? ''}`
})
export const setSecret = jest.fn<typeof Core.setSecret>()
export const info = jest.fn<typeof Core.info>((m) => {
  state.log.push(m)
})
export const debug = jest.fn<typeof Core.debug>()
export const warning = jest.fn<typeof Core.warning>((message, props) => {
  state.annotations.push({ level: 'warning', message: text(message), title: props?.title })
})
export const error = jest.fn<typeof Core.error>((message, props) => {
  state.annotations.push({ level: 'error', message: text(message), title: props?.title })
})
export const setFailed = jest.fn<typeof Core.setFailed>((m) => {
  state.failed = text(m)
})
// generic, so a mock cannot carry its type: a plain function of the real signature
export const group: typeof Core.group = <T>(_name: string, fn: () => Promise<T>) => fn()

/** The summary's chain as run() uses it: addRaw(...).write(). */
interface FakeSummary {
  addRaw(text: string): FakeSummary
  write(): Promise<FakeSummary>
}
export const summary: FakeSummary = {
  addRaw(text: string) {
    state.summary += text
    return summary
  },
  async write() {
    return summary
  },
}
