import { mkdirSync, writeFileSync } from 'fs'
import { dirname, join, relative } from 'path'
import type { Compiler, Module } from 'webpack'

const ROOT = join(__dirname, '..')

/** What one output file holds: our source files and packages, with their size before minifying. */
export interface ManifestChunk {
  files: string[]
  modules: { path: string; size: number }[]
}
export interface BundleManifest {
  chunks: ManifestChunk[]
  /** Named chunk groups (H5: each page's lazily loaded group; weapp: each page's entry) with their files. */
  groups: Record<string, string[]>
}

/** A module's source path relative to the project (node_modules paths kept as they are). */
function pathsOf(module: Module): { path: string; size: number }[] {
  const inner = (module as unknown as { modules?: Module[] }).modules
  if (inner) return inner.flatMap(pathsOf)
  const resource = (module as unknown as { resource?: string }).resource
  if (!resource) return []
  const path = relative(ROOT, resource.split('?')[0]).replace(/\\/g, '/')
  // node_modules is a symlink in worktrees: name packages the same wherever it points.
  const at = path.lastIndexOf('node_modules/')
  return [{ path: at >= 0 ? path.slice(at) : path, size: module.size() }]
}

/**
 * Writes dist-stats/<target>.json after every build: which source files ended up in which output
 * file. The size bench reads it to say what fills the main package, and tests read it to check that
 * no cadre or admin code sits in what a resident downloads (module ids are numbers in a production
 * build, so the bundles themselves cannot tell).
 */
export class BundleManifestPlugin {
  constructor(private readonly target: string) {}

  apply(compiler: Compiler) {
    compiler.hooks.afterEmit.tap('BundleManifestPlugin', (compilation) => {
      const chunks: ManifestChunk[] = []
      for (const chunk of compilation.chunks) {
        const files = [...chunk.files].filter((f) => f.endsWith('.js'))
        if (!files.length) continue
        const modules = [...compilation.chunkGraph.getChunkModulesIterable(chunk)].flatMap(pathsOf)
        modules.sort((a, b) => a.path.localeCompare(b.path))
        chunks.push({ files, modules })
      }
      const groups: Record<string, string[]> = {}
      for (const [name, group] of compilation.namedChunkGroups) {
        groups[name] = group.chunks.flatMap((c) => [...c.files].filter((f) => f.endsWith('.js')))
      }
      const out = join(ROOT, 'dist-stats', `${this.target}.json`)
      mkdirSync(dirname(out), { recursive: true })
      writeFileSync(out, JSON.stringify({ chunks, groups } satisfies BundleManifest, null, 1))
    })
  }
}
