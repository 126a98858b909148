/**
 * A mirror that misbehaves on purpose, on 127.0.0.1: per path it can stall before or
 * after the headers, truncate, send more than it announced, redirect, or serve any body.
 */
import { readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export type Behaviour =
  | { kind: 'json'; body: unknown }
  | { kind: 'bytes'; body: Buffer; contentLength?: number }
  | { kind: 'file'; file: string }
  /** accepts the request and never answers */
  | { kind: 'stall-headers' }
  /** sends the headers and part of the body, then nothing (the socket stays open) */
  | { kind: 'stall-body'; file: string; after: number }
  /** announces the whole file, sends part of it, and closes */
  | { kind: 'truncate'; file: string; after: number }
  | { kind: 'redirect'; to: string }
  | { kind: 'status'; status: number }

export interface Hostile {
  baseUrl: string
  requests: string[]
  routes: Map<string, Behaviour>
  close(): Promise<void>
}

export async function startHostile(routes: Record<string, Behaviour> = {}): Promise<Hostile> {
  const map = new Map(Object.entries(routes))
  const requests: string[] = []
  const sockets = new Set<Socket>()
  const server = http.createServer((req, res) => {
    const url = req.url ?? ''
    requests.push(url)
    const key = url.startsWith('/dl/?') ? 'index' : decodeURIComponent(url.replace(/^\/dl\//, ''))
    const b = map.get(key)
    if (!b) {
      res.writeHead(404)
      res.end()
      return
    }
    switch (b.kind) {
      case 'json':
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify(b.body))
        return
      case 'bytes':
        res.writeHead(200, { 'content-length': b.contentLength ?? b.body.length })
        res.end(b.body)
        return
      case 'file': {
        const data = readFileSync(b.file)
        res.writeHead(200, { 'content-length': data.length })
        res.end(data)
        return
      }
      case 'stall-headers':
        return
      case 'stall-body': {
        const data = readFileSync(b.file)
        res.writeHead(200, { 'content-length': data.length })
        res.write(data.subarray(0, b.after))
        return
      }
      case 'truncate': {
        const data = readFileSync(b.file)
        res.writeHead(200, { 'content-length': data.length })
        res.write(data.subarray(0, b.after), () => req.socket.destroy())
        return
      }
      case 'redirect':
        res.writeHead(302, { location: b.to })
        res.end()
        return
      case 'status':
        res.writeHead(b.status, { 'retry-after': '0' })
        res.end()
    }
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}/dl`,
    requests,
    routes: map,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
