import type { Finding } from '../../findings/catalog.js'
import type { Sights } from '../sight.js'
import type { CheckInput } from '../types.js'

/** A rule reads the check's input and the shells' sights, and returns its findings. */
export type Rule = (c: CheckInput, s: Sights) => Finding[]
