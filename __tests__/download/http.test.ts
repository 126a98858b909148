/**
 * The fetcher's rules, each pinned: where a redirect may go, who receives the token, and a
 * body capped as it streams, against real servers on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, existsSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { createFetcher } from '../../src/download/http.js'
import { authHeaders, redirectTarget } from '../../src/download/http-request.js'

describe('where a redirect may go', () => {
  it.each([
    ['https://go.dev/dl/x.zip', 'https://dl.google.com/go/x.zip', 'https://dl.google.com/go/x.zip'],
    ['https://go.dev/dl/x.zip', '/other/x.zip', 'https://go.dev/other/x.zip'],
    ['http://127.0.0.1:1/x', 'http://127.0.0.1:2/y', 'http://127.0.0.1:2/y'],
    ['http://127.0.0.1:1/x', 'https://example.com/y', 'https://example.com/y'],
    [
      'https://go.dev/dl/x.zip',
      'http://dl.google.com/go/x.zip',
      'refusing a redirect from https to http:',
    ],
    ['https://go.dev/dl/x.zip', 'file:///etc/passwd', 'redirected to file:'],
    ['https://go.dev/dl/x.zip', 'ftp://h/x', 'redirected to ftp:'],
    ['https://go.dev/dl/x.zip', 'http://[::1', 'redirected to an invalid URL'],
  ])('%s -> %s', (from, location, want) => {
    const next = redirectTarget(new URL(from), location)
    expect(typeof next === 'string' ? next : next.toString()).toBe(want)
  })
})

describe('the token goes to GitHub only', () => {
  it.each([
    ['https://github.com/a/b', true],
    ['https://api.github.com/x', true],
    ['https://objects.githubusercontent.com/x', true],
    ['https://GITHUB.COM/x', true],
    ['https://github.com.evil.example/x', false],
    ['https://evilgithub.com/x', false],
    ['https://githubusercontent.com.evil.example/x', false],
    ['https://notgithubusercontent.com/x', false],
    ['https://go.dev/dl', false],
  ])('%s: %s', (url, sent) => {
    expect(authHeaders(url, 'tok')).toEqual(sent ? { authorization: 'token tok' } : {})
    expect(authHeaders(url, '')).toEqual({})
  })
})

describe('a body is capped as it streams, whatever the server announces', () => {
  let server: http.Server
  let base = ''
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      // chunked: no Content-Length at all, then more than the caller allows
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      const chunk = Buffer.alloc(1024, 97)
      let n = 0
      const more = () => {
        if (n++ >= 64 || res.destroyed) return res.end()
        res.write(chunk, more)
      }
      more()
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))
  const fetcher = () =>
    createFetcher({
      token: '',
      log: () => {},
      policy: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    })

  it('text: stopped past the cap, not read whole', async () => {
    await expect(fetcher().getText(`${base}/index`, 4096)).rejects.toThrow(
      'the answer: more than 4096 bytes; stopped',
    )
  })
  it('a download: stopped past the size the index announced, and nothing is left on disk', async () => {
    const dest = path.join(mkdtempSync(path.join(os.tmpdir(), 'gpa-cap-')), 'go.tar.gz')
    await expect(fetcher().download(`${base}/go.tar.gz`, dest, 10_000)).rejects.toThrow(
      'the archive: more than 10000 bytes; stopped',
    )
    expect(existsSync(dest)).toBe(false)
  })
  it('within the cap, the whole body', async () => {
    expect((await fetcher().getText(`${base}/index`, 1024 * 1024)).length).toBe(64 * 1024)
  })
})
