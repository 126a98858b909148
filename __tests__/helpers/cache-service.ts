/**
 * The cache service on loopback (scripts/cache-service.mjs, shared with `npm run bench`):
 * Azurite holds the blobs, a small server answers the three twirp calls @actions/cache makes.
 */
export {
  azuriteBin,
  azuriteInstalled,
  laneDir,
  startCacheService,
  type CacheService,
  type Fault,
} from '../../scripts/cache-service.mjs'
