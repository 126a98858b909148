/** Whether the Go itself works. */
import { entry } from './entry.js'

export const TOOLCHAIN = {
  'go-fails': entry({
    category: 'toolchain',
    severity: 'error',
    means: '`go env` fails in a shell',
    fix: (p: { program?: string; goEnvFile?: string }, audience) =>
      p.goEnvFile
        ? `Take the GOROOT line out of ${p.goEnvFile}${audience === 'terminal' ? ' (go-path-arbiter --apply does it, journaled)' : ''}: \`go env -u GOROOT\` cannot run while GOROOT names a missing folder.`
        : `Run \`${p.program ?? 'go'} env\` in that shell; a go that cannot run is a broken or foreign (wrong OS/arch) toolchain.`,
  }),
  'go-timeout': entry({
    category: 'toolchain',
    severity: 'error',
    means: '`go env` does not answer in a shell',
    fix: () =>
      'Run `go env` in that shell by hand; a hanging go often waits on a network toolchain download (GOTOOLCHAIN) or a locked GOCACHE.',
  }),
  'go-broken': entry({
    category: 'toolchain',
    severity: 'error',
    means: 'the exported go fails `go env` outside the shells',
    fix: () => 'Reinstall Go: the tree is damaged or built for another OS/arch.',
  }),
  'pkg-tool-missing': entry({
    category: 'toolchain',
    severity: 'error',
    means: 'GOROOT has no `pkg/tool/<os>_<arch>` for this machine (GOTOOLDIR)',
    fix: () =>
      'The GOROOT is not a complete Go tree (a bare go binary copied somewhere?); point GOROOT at a full installation.',
  }),
  'gofmt-fails': entry({
    category: 'toolchain',
    severity: 'error',
    means: 'gofmt in GOROOT/bin does not work',
    fix: () => 'Reinstall Go; gofmt ships with every Go tree.',
  }),
  'vet-missing': entry({
    category: 'toolchain',
    severity: 'error',
    means: '`go vet` is not available',
    fix: () => 'Reinstall Go; vet ships in GOROOT/pkg/tool.',
  }),
  'version-not-installed': entry({
    category: 'toolchain',
    severity: 'error',
    means: 'the exported go reports another version than the one set up',
    fix: (_p, audience) =>
      audience === 'terminal'
        ? 'A toolchain switch (GOTOOLCHAIN) or an overwritten tree; run `go version` and reinstall.'
        : 'GOTOOLCHAIN or a go.mod toolchain line switched toolchains, or the tree was overwritten; set gotoolchain: local and reinstall.',
  }),
}
