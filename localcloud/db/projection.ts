/** `field()` projections ({a: 1}, {b: 0}, $slice, $elemMatch), evaluated by mingo. */
import { Query } from 'mingo'
import { Doc } from './codec'
import { requestFailed } from './errors'
import { mingoOptions } from './mingo'

export type Projection = Record<string, unknown>

export function applyProjection(docs: Doc[], projection: Projection | undefined): Doc[] {
  if (!projection || Object.keys(projection).length === 0 || docs.length === 0) return docs
  try {
    return new Query({}, mingoOptions()).find<Doc>(docs, projection).all()
  } catch (e) {
    // e.g. "Projection cannot have a mix of inclusion and exclusion." like MongoDB.
    throw requestFailed((e as Error).message)
  }
}
