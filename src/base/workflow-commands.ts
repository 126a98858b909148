/**
 * The runner's step protocol as text (pure): a workflow command is one stdout line
 * `::name key=value,key=value::data`, and a file command (GITHUB_ENV, GITHUB_OUTPUT,
 * GITHUB_STATE) is a `name<<delimiter` record. These are the formats `@actions/core`
 * writes; `app/action-io.ts` writes them without loading it (docs/design.md, "The toolkit,
 * and where this project does not use it"), and a test holds both to the same bytes.
 */

/** Command data: `%`, CR and LF escaped, so the command stays one line. */
export const escapeData = (s: string): string =>
  s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')

/** A property value: the data escapes, and `:` and `,`, which separate properties. */
const escapeProperty = (s: string): string =>
  escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')

/** Properties in the order given; a missing, empty or 0 value is left out, as the toolkit does. */
export type CommandProperties = ReadonlyArray<readonly [string, string | number | undefined]>

export function commandLine(name: string, props: CommandProperties, data: string): string {
  const kept = props.filter(([, v]) => v !== undefined && v !== '' && v !== 0)
  const list = kept.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')
  return `::${name}${list ? ` ${list}` : ''}::${escapeData(data)}`
}

/** What an annotation may carry, as the runner names its properties. */
export interface AnnotationPlace {
  title?: string
  file?: string
  line?: number
}

export const annotationLine = (
  level: 'error' | 'warning',
  text: string,
  at: AnnotationPlace = {},
) =>
  commandLine(
    level,
    [
      ['title', at.title],
      ['file', at.file],
      ['line', at.line],
    ],
    text,
  )

/**
 * One `name<<delimiter` record of a file command, ending in `eol`. The runner reads the
 * value up to the first line equal to the delimiter, so a name or value holding it is
 * refused instead of written.
 */
export function fileRecord(name: string, value: string, delimiter: string, eol: string): string {
  if (name.includes(delimiter)) throw new Error(`the name ${name} holds the delimiter ${delimiter}`)
  if (value.includes(delimiter))
    throw new Error(`the value of ${name} holds the delimiter ${delimiter}`)
  return `${name}<<${delimiter}${eol}${value}${eol}${delimiter}${eol}`
}

/** The variable the runner passes an input in: spaces as `_`, upper case. */
export const inputVariable = (name: string): string =>
  `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
