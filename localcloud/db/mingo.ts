/** One mingo configuration for the whole emulator: every operator, no server-side scripts. */
import { Aggregator, Query } from 'mingo'
import type { Context } from 'mingo'

// Loaded with require: the package exports this subpath, but `moduleResolution: node` cannot type it.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const createContext = (require('mingo/init/context') as { default: () => Context }).default
const context = createContext()

type Resolver = (name: string) => Record<string, unknown>[]
type Options = NonNullable<ConstructorParameters<typeof Query>[1]>

export function mingoOptions(collectionResolver?: Resolver): Options {
  // The real cloud runs no $where/$function/$accumulator code; refuse it here too.
  return { context, scriptEnabled: false, useStrictMode: true, collectionResolver }
}

export const newQuery = (filter: Record<string, unknown>): Query => new Query(filter, mingoOptions())

export const newAggregator = (stages: Record<string, unknown>[], resolver?: Resolver): Aggregator =>
  new Aggregator(stages, mingoOptions(resolver))
