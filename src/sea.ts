/**
 * The entry of the single executable (`npm run build:exe`): the CLI, run by the Node inside
 * the executable, its scripts read from the executable's own assets. Bundled to one
 * CommonJS file, which is what Node's single executables run.
 */
import { cliMain } from './cli/main.js'

void cliMain(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
