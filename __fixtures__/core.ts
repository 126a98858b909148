/**
 * A fake of @actions/core for in-process tests of run() (the official typescript-action
 * template's pattern): inputs come from a map, and outputs, exports, annotations, the
 * summary and the failure are recorded.
 */
import { jest } from '@jest/globals'

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

export const getInput = jest.fn((name: string) => state.inputs[name] ?? '')
export const setOutput = jest.fn((name: string, value: string) => {
  state.outputs[name] = value
})
export const exportVariable = jest.fn((name: string, value: string) => {
  state.exported[name] = value
  process.env[name] = value
})
export const addPath = jest.fn((p: string) => {
  state.paths.push(p)
  process.env.PATH = `${p}:${process.env.PATH ?? ''}`
})
export const setSecret = jest.fn()
export const info = jest.fn((m: string) => {
  state.log.push(m)
})
export const debug = jest.fn()
export const warning = jest.fn((message: string, props?: { title?: string }) => {
  state.annotations.push({ level: 'warning', message, title: props?.title })
})
export const error = jest.fn((message: string, props?: { title?: string }) => {
  state.annotations.push({ level: 'error', message, title: props?.title })
})
export const setFailed = jest.fn((m: string) => {
  state.failed = m
})
export const group = jest.fn(async <T>(_name: string, fn: () => Promise<T>) => fn())
export const summary = {
  addRaw(text: string) {
    state.summary += text
    return summary
  },
  async write() {
    return summary
  },
}
