/** This tool's version (package.json's; a test holds the two equal). */
export const VERSION = '0.2.0'

/** Where each finding id is explained: the README's findings table. */
export const FINDINGS_URL = 'https://github.com/go-path-arbiter/go-path-arbiter#findings'
export const findingUrl = (id: string) =>
  `https://github.com/go-path-arbiter/go-path-arbiter#finding-${id}`
