import type { TownUnit } from '../core/contract'
import { DEFAULT_TOWN, seedContent, type TownContent } from '../core/towns'
import { callCloud } from './cloud'
import { useCloudData, type CloudData } from './use-cloud-data'

/** Every town of the county (towns.list), in the order they were created. */
export function useTowns(): CloudData<string[]> {
  return useCloudData(
    () => callCloud('towns', { action: 'list' }).then((r) => (r.ok ? { ok: true as const, data: r.data.towns.map((t) => t.name) } : r)),
    'towns'
  )
}

/** A town's units (towns.units), active and retired, in its table's order. */
export function useTownUnits(town: string): CloudData<TownUnit[]> {
  return useCloudData(
    () => callCloud('towns', { action: 'units', town }).then((r) => (r.ok ? { ok: true as const, data: r.data.units } : r)),
    `units|${town}`
  )
}

export interface TownLetter {
  /** What to show; null while it is on its way, or when another town's could not be loaded. */
  content: TownContent | null
  /** True when `content` is the app's built-in copy (the default town, offline). */
  builtIn: boolean
  /** The town has not written its own letter yet (it still holds the seed town's): nothing is shown. */
  unwritten: boolean
  loading: boolean
  error: string | null
  reload: () => void
}

/**
 * The town's letter and slogans (towns.content). Without a network the default town still reads its
 * letter from the app itself (the seed); any other town shows nothing rather than a wrong town's text.
 */
export function useTownContent(town: string): TownLetter {
  const loaded = useCloudData(
    () => callCloud('towns', { action: 'content', town }).then((r) => (r.ok ? { ok: true as const, data: r.data } : r)),
    `content|${town}`
  )
  // Only once the cloud failed: while it answers, an edited letter must not flash its old wording.
  const builtIn = !loaded.data && loaded.error !== null && town === DEFAULT_TOWN
  // A new town starts with the seed town's text for its admin to edit: 云集's letter is not its to show.
  const unwritten = loaded.data !== null && town !== DEFAULT_TOWN && loaded.data.updatedAt === null
  const content = loaded.data && !unwritten ? { letter: loaded.data.letter, slogans: loaded.data.slogans } : null
  return {
    content: content ?? (builtIn ? seedContent() : null),
    builtIn,
    unwritten,
    loading: loaded.loading,
    error: loaded.error,
    reload: loaded.reload
  }
}
