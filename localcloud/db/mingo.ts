/** One mingo configuration for the whole emulator: every operator, the cloud's where mingo differs, no server-side scripts. */
import { Aggregator, Context, Query } from 'mingo'
import { compileSchema } from './json-schema'
import { withCloudOperators } from './operators'

// Loaded with require: the package exports this subpath, but `moduleResolution: node` cannot type it.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const createContext = (require('mingo/init/context') as { default: () => Context }).default
const context = withCloudOperators(createContext(), Context)

type Resolver = (name: string) => Record<string, unknown>[]
type Options = NonNullable<ConstructorParameters<typeof Query>[1]>

export function mingoOptions(collectionResolver?: Resolver): Options {
  // The real cloud runs no $where/$function/$accumulator code; refuse it here too.
  return { context, scriptEnabled: false, useStrictMode: true, collectionResolver, jsonSchemaValidator: compileSchema }
}

export const newQuery = (filter: Record<string, unknown>): Query => new Query(filter, mingoOptions())

export const newAggregator = (stages: Record<string, unknown>[], resolver?: Resolver): Aggregator =>
  new Aggregator(stages, mingoOptions(resolver))
