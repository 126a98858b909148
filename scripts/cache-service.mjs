/**
 * The cache service on loopback, for the cache tests and the bench: Azurite (the Azure Storage emulator)
 * holds the blobs, and this server answers the three twirp calls @actions/cache makes
 * (GetCacheEntryDownloadURL, CreateCacheEntry, FinalizeCacheEntryUpload) the way the
 * service does: an entry is found by its exact key, else by the newest entry whose key
 * starts with a restore key, always for the same version; a key is written once. Faults can
 * be switched on: every call refused (403), saves denied, a download cut off part-way.
 *
 * Azurite is installed by `node scripts/cache-lane.mjs` into the lane's cache folder, not by
 * `npm ci`: it is large, and only these tests and the bench need it. Plain JavaScript, so
 * that `npm run bench` uses the same service (the types: cache-service.d.mts).
 */
import {
  BlobSASPermissions,
  BlobServiceClient,
  generateBlobSASQueryParameters,
  StorageSharedKeyCredential,
} from '@azure/storage-blob'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export const laneDir =
  process.env.GPA_CACHE_LANE_DIR ||
  path.join(os.homedir(), '.cache', 'go-path-arbiter', 'cache-lane')
export const azuriteBin = path.join(
  laneDir,
  'node_modules',
  'azurite',
  'dist',
  'src',
  'blob',
  'main.js',
)
export const azuriteInstalled = () => existsSync(azuriteBin)

// Azurite's well-known development account
const ACCOUNT = 'devstoreaccount1'
const KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
const CONTAINER = 'actions-cache'

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = s.address().port
      s.close(() => resolve(port))
    })
  })

async function startAzurite() {
  const port = await freePort()
  const location = mkdtempSync(path.join(os.tmpdir(), 'gpa-azurite-'))
  const child = spawn(
    process.execPath,
    [
      azuriteBin,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      '--location',
      location,
      '--silent',
      '--skipApiVersionCheck',
      '--loose',
    ],
    { stdio: 'ignore' },
  )
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => {
        c.end()
        resolve(true)
      })
      c.on('error', () => resolve(false))
    })
    if (up) return { child, port }
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill()
  throw new Error('Azurite did not start')
}

/** @returns {Promise<import('./cache-service.d.mts').CacheService>} */
export async function startCacheService() {
  const azurite = await startAzurite()
  const blobUrl = `http://127.0.0.1:${azurite.port}/${ACCOUNT}`
  const credential = new StorageSharedKeyCredential(ACCOUNT, KEY)
  const blobs = new BlobServiceClient(blobUrl, credential)
  await blobs.getContainerClient(CONTAINER).createIfNotExists()
  const sas = (blob, permissions) =>
    `${blobUrl}/${CONTAINER}/${blob}?${generateBlobSASQueryParameters(
      {
        containerName: CONTAINER,
        blobName: blob,
        permissions: BlobSASPermissions.parse(permissions),
        expiresOn: new Date(Date.now() + 3600_000),
      },
      credential,
    ).toString()}`
  const service = {
    url: '',
    env: {},
    entries: [],
    calls: [],
    fault: 'none',
    close: async () => {
      server.closeAllConnections()
      await new Promise((r) => server.close(r))
      const gone = new Promise((r) => azurite.child.once('exit', r))
      azurite.child.kill()
      await gone
    },
  }
  let n = 0
  const answer = async (method, body) => {
    const key = String(body.key ?? '')
    const version = String(body.version ?? '')
    if (method === 'GetCacheEntryDownloadURL') {
      const done = service.entries.filter((e) => e.done && e.version === version)
      const exact = done.find((e) => e.key === key)
      // the client sends the proto's own field names (restore_keys), as the service expects
      const restoreKeys = body.restore_keys ?? []
      const byPrefix = restoreKeys
        .map((p) => done.filter((e) => e.key.startsWith(p)).sort((a, b) => b.at - a.at)[0])
        .find(Boolean)
      const hit = exact ?? byPrefix
      if (!hit) return { ok: false, signedDownloadUrl: '', matchedKey: '' }
      if (service.fault === 'corrupt') {
        // the entry's own archive cut off after 60 %: tar extracts the first files, then fails
        const container = blobs.getContainerClient(CONTAINER)
        const whole = await container.getBlockBlobClient(hit.blob).downloadToBuffer()
        const cut = whole.subarray(0, Math.floor(whole.length * 0.6))
        const bad = `cut-${n++}`
        await container.getBlockBlobClient(bad).upload(cut, cut.length)
        return { ok: true, signedDownloadUrl: sas(bad, 'r'), matchedKey: hit.key }
      }
      return { ok: true, signedDownloadUrl: sas(hit.blob, 'r'), matchedKey: hit.key }
    }
    if (method === 'CreateCacheEntry') {
      if (service.fault === 'write-denied')
        return { status: 403, msg: 'cache write denied: this run may only read' }
      if (service.entries.some((e) => e.key === key && e.version === version)) {
        return { status: 409, msg: 'cache entry already exists' }
      }
      const blob = `entry-${n++}`
      service.entries.push({ key, version, blob, done: false, at: Date.now() + n })
      return { ok: true, signedUploadUrl: sas(blob, 'cw') }
    }
    if (method === 'FinalizeCacheEntryUpload') {
      const e = service.entries.find((x) => x.key === key && x.version === version && !x.done)
      if (!e) return { ok: false, entryId: '0', message: 'no such upload' }
      e.done = true
      return { ok: true, entryId: String(service.entries.indexOf(e) + 1) }
    }
    return { status: 404, msg: `no method ${method}` }
  }
  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (d) => (raw += d))
    req.on('end', async () => {
      const method = (req.url ?? '').split('/').pop() ?? ''
      const body = raw ? JSON.parse(raw) : {}
      service.calls.push({ method, body })
      const out =
        service.fault === 'forbidden'
          ? { status: 403, msg: 'forbidden for this run' }
          : await answer(method, body).catch((err) => ({ status: 500, msg: err.message }))
      const status = 'status' in out ? Number(out.status) : 200
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(status === 200 ? out : { code: 'error', msg: out.msg }))
    })
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  service.url = `http://127.0.0.1:${server.address().port}/`
  service.env = {
    ACTIONS_CACHE_SERVICE_V2: 'true',
    ACTIONS_RESULTS_URL: service.url,
    ACTIONS_RUNTIME_TOKEN: 'test-token',
    GITHUB_SERVER_URL: 'https://github.com',
  }
  return service
}
