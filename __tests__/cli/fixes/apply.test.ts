/**
 * Making a plan's changes and taking them back, on real files in a temporary home: the
 * journal comes first, --undo restores the exact bytes (and removes what was created),
 * refuses when a file changed since, and after a crash between two changes restores what
 * was written. Registry values are written under wine in the Windows lane.
 */
import { describe, expect, it } from '@jest/globals'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { applyPlan, undoEntry } from '../../../src/cli/fixes/apply.js'
import { journalDir, listEntries, newId } from '../../../src/cli/fixes/journal.js'
import type { FileChange } from '../../../src/cli/fixes/plan.js'
import { notWritable } from '../../../src/cli/fixes/write.js'

function home() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'gpa-apply-'))
  const env = { HOME: root, XDG_STATE_HOME: path.join(root, 'state') }
  return { root, env, ctx: { env, platform: 'linux' as const } }
}

const change = (file: string, before: Buffer | null, after: string): FileChange => ({
  kind: 'file',
  path: file,
  shells: ['bash'],
  before,
  after: Buffer.from(after),
  when: 'terminal',
  why: 'test',
})

describe('journal ids', () => {
  const t = new Date('2026-12-01T23:10:26.417Z')
  it('hold the time to the millisecond', () => {
    expect(newId(t)).toMatch(/^20261201-231026417-[0-9a-f]{6}$/)
  })
  it.each([
    ['made in the same millisecond', ['20261201-231026417-ffffff'], '20261201-231026418'],
    ['after a clock set back', ['20261202-000000000-000000'], '20261202-000000001'],
    ['after an id of the older form', ['20261201-231027-000000'], '20261201-231028000'],
    ['behind none', ['20261201-231026416-ffffff'], '20261201-231026417'],
  ])('sort after every earlier one: %s', (_, earlier, time) => {
    const id = newId(t, earlier)
    expect(id.slice(0, 18)).toBe(time)
    expect([...earlier, id].sort().at(-1)).toBe(id)
  })
  it('two applies in one millisecond: undo takes back the second first', async () => {
    const h = home()
    const rc = path.join(h.root, '.bashrc')
    writeFileSync(rc, 'v0')
    const now = new Date('2026-12-01T23:10:26.417Z')
    await applyPlan([change(rc, Buffer.from('v0'), 'v1')], { ...h.ctx, now })
    await applyPlan([change(rc, Buffer.from('v1'), 'v2')], { ...h.ctx, now })
    expect((await undoEntry(h.ctx)).refused).toBeUndefined()
    expect(readFileSync(rc, 'utf8')).toBe('v1')
    expect((await undoEntry(h.ctx)).refused).toBeUndefined()
    expect(readFileSync(rc, 'utf8')).toBe('v0')
  })
})

describe('apply, then undo', () => {
  it('writes the journal before the first change, then each file whole; undo restores the bytes', async () => {
    const h = home()
    const rc = path.join(h.root, '.bashrc')
    const original = Buffer.from('PATH=/old:$PATH\r\nno last line end')
    writeFileSync(rc, original, { mode: 0o600 })
    let journalled = 0
    const r = await applyPlan([change(rc, original, 'new\n')], {
      ...h.ctx,
      afterChange: () => {
        journalled = readdirSync(journalDir(h.env, 'linux')).length
      },
    })
    expect(journalled).toBe(1)
    expect(r.results.every((x) => x.ok)).toBe(true)
    expect(readFileSync(rc, 'utf8')).toBe('new\n')
    expect(statSync(rc).mode & 0o777).toBe(0o600)
    const u = await undoEntry(h.ctx)
    expect(u.refused).toBeUndefined()
    expect(readFileSync(rc).equals(original)).toBe(true)
    expect((await listEntries(journalDir(h.env, 'linux')))[0].status).toBe('undone')
  })

  it('a file it created goes again, with the folders made for it', async () => {
    const h = home()
    const profile = path.join(h.root, '.config', 'powershell', 'Microsoft.PowerShell_profile.ps1')
    await applyPlan([change(profile, null, '# block\n')], h.ctx)
    expect(readFileSync(profile, 'utf8')).toBe('# block\n')
    await undoEntry(h.ctx)
    expect(existsSync(profile)).toBe(false)
    expect(existsSync(path.join(h.root, '.config'))).toBe(false)
  })

  it('refuses, and restores nothing, when a file changed since it was written', async () => {
    const h = home()
    const a = path.join(h.root, 'a')
    const b = path.join(h.root, 'b')
    writeFileSync(a, 'a0')
    writeFileSync(b, 'b0')
    await applyPlan([change(a, Buffer.from('a0'), 'a1'), change(b, Buffer.from('b0'), 'b1')], h.ctx)
    writeFileSync(b, 'edited by hand')
    const u = await undoEntry(h.ctx)
    expect(u.refused).toMatch(/changed since go-path-arbiter wrote it: nothing was restored/)
    expect(readFileSync(a, 'utf8')).toBe('a1')
  })

  it('after a crash between two changes, undo restores what was written', async () => {
    const h = home()
    const a = path.join(h.root, 'a')
    const b = path.join(h.root, 'b')
    writeFileSync(a, 'a0')
    writeFileSync(b, 'b0')
    await expect(
      applyPlan([change(a, Buffer.from('a0'), 'a1'), change(b, Buffer.from('b0'), 'b1')], {
        ...h.ctx,
        afterChange: (i) => {
          if (i === 0) throw new Error('the machine went down')
        },
      }),
    ).rejects.toThrow('the machine went down')
    expect(readFileSync(a, 'utf8')).toBe('a1')
    expect(readFileSync(b, 'utf8')).toBe('b0')
    const [entry] = await listEntries(journalDir(h.env, 'linux'))
    expect(entry.status).toBe('pending')
    const u = await undoEntry(h.ctx)
    expect(u.restored).toEqual([a])
    expect(u.unchanged).toEqual([b])
    expect(readFileSync(a, 'utf8')).toBe('a0')
  })

  it('two applies are undone newest first, each back to what it found', async () => {
    const h = home()
    const rc = path.join(h.root, '.zshrc')
    writeFileSync(rc, 'v0')
    await applyPlan([change(rc, Buffer.from('v0'), 'v1')], { ...h.ctx, now: new Date(1000) })
    await applyPlan([change(rc, Buffer.from('v1'), 'v2')], { ...h.ctx, now: new Date(2000) })
    await undoEntry(h.ctx)
    expect(readFileSync(rc, 'utf8')).toBe('v1')
    await undoEntry(h.ctx)
    expect(readFileSync(rc, 'utf8')).toBe('v0')
    expect((await undoEntry(h.ctx)).refused).toMatch(/nothing to undo/)
  })

  it('an older entry cannot be undone over a newer one that changed the same file', async () => {
    const h = home()
    const rc = path.join(h.root, '.zshrc')
    writeFileSync(rc, 'v0')
    const first = await applyPlan([change(rc, Buffer.from('v0'), 'v1')], {
      ...h.ctx,
      now: new Date(1000),
    })
    await applyPlan([change(rc, Buffer.from('v1'), 'v2')], { ...h.ctx, now: new Date(2000) })
    expect((await undoEntry(h.ctx, first.id)).refused).toMatch(/changed since/)
    expect(readFileSync(rc, 'utf8')).toBe('v2')
  })

  it('a file changed between the check and the change is not overwritten', async () => {
    const h = home()
    const rc = path.join(h.root, '.bashrc')
    writeFileSync(rc, 'seen by the check')
    const plan = [change(rc, Buffer.from('seen by the check'), 'block')]
    writeFileSync(rc, 'edited meanwhile')
    const r = await applyPlan(plan, h.ctx)
    expect(r.results[0]).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/changed since the check/),
    })
    expect(readFileSync(rc, 'utf8')).toBe('edited meanwhile')
  })

  it('a link is kept: the file it points to is the one written', async () => {
    const h = home()
    const real = path.join(h.root, 'dotfiles', 'bashrc')
    mkdirSync(path.dirname(real))
    writeFileSync(real, 'x=1\n')
    symlinkSync(real, path.join(h.root, '.bashrc'))
    await applyPlan([change(real, Buffer.from('x=1\n'), 'x=2\n')], h.ctx)
    expect(readFileSync(path.join(h.root, '.bashrc'), 'utf8')).toBe('x=2\n')
    expect(statSync(path.join(h.root, '.bashrc')).isFile()).toBe(true)
  })

  it('a file that cannot be written is reported, and the others are still made', async () => {
    const h = home()
    const blocker = path.join(h.root, 'not-a-folder')
    writeFileSync(blocker, '')
    const ok = path.join(h.root, 'ok')
    writeFileSync(ok, '0')
    const r = await applyPlan(
      [change(path.join(blocker, 'config.fish'), null, 'x'), change(ok, Buffer.from('0'), '1')],
      h.ctx,
    )
    expect(r.results[0].ok).toBe(false)
    expect(r.results[1].ok).toBe(true)
    expect(await notWritable(path.join(blocker, 'config.fish'))).toBeDefined()
  })
})
