#!/usr/bin/env node
import { cliMain } from './cli.js'

process.exitCode = await cliMain(process.argv.slice(2))
