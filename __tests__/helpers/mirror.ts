import { createReadStream, statSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Mirror {
  baseUrl: string
  /** paths requested, in order (query included) */
  requests: string[]
  /** answers to give before the real one, per path prefix, e.g. { '/dl/': [500] } */
  failures: Record<string, number[]>
  close(): Promise<void>
}

/**
 * A go.dev/dl look-alike on 127.0.0.1: the index at `<base>/?mode=json&include=all` and
 * files at `<base>/<filename>`.
 */
export async function startMirror(index: unknown, files: Record<string, string>): Promise<Mirror> {
  const requests: string[] = []
  const failures: Record<string, number[]> = {}
  const server = http.createServer((req, res) => {
    const url = req.url ?? ''
    requests.push(url)
    const prefix = Object.keys(failures).find((p) => url.startsWith(p) && failures[p].length > 0)
    if (prefix) {
      res.writeHead(failures[prefix].shift()!, { 'retry-after': '0' })
      res.end('failing on purpose')
      return
    }
    const u = new URL(url, 'http://x')
    if (u.pathname === '/dl/' && u.searchParams.get('mode') === 'json') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(index))
      return
    }
    const name = decodeURIComponent(u.pathname.replace(/^\/dl\//, ''))
    const file = files[name]
    if (!file) {
      res.writeHead(404)
      res.end('not found')
      return
    }
    res.writeHead(200, { 'content-length': statSync(file).size })
    createReadStream(file).pipe(res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}/dl`,
    requests,
    failures,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
