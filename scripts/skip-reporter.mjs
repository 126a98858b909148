// A Jest reporter: at the end of a run, one line naming every tool a suite was skipped
// for, how many tests that was, and how to install it (the skip names say it; see
// __tests__/helpers/tools.ts). Prints nothing when nothing was skipped for a tool.
export default class SkipReporter {
  onRunComplete(_contexts, results) {
    const byTool = new Map()
    for (const file of results.testResults) {
      for (const t of file.testResults) {
        if (t.status !== 'pending') continue
        const title = [...t.ancestorTitles, t.title].join(' ')
        for (const m of title.matchAll(/needs ([^[\]]+?)\]/g)) {
          for (const part of m[1].split(/,\s(?=[a-z-]+ \()/))
            byTool.set(part, (byTool.get(part) ?? 0) + 1)
        }
      }
    }
    if (byTool.size === 0) return
    const list = [...byTool]
      .map(([tool, n]) => `${tool}: ${n} test${n === 1 ? '' : 's'}`)
      .join('; ')
    process.stderr.write(`\nskipped for want of a tool: ${list}\n`)
  }
}
