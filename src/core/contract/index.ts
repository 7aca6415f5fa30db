import './locale'

export * from './result'
export * from './define'
export * from './user'
export * from './setup'
import { setupContract } from './setup'
import { userContract } from './user'

/** Every cloud function by name, with its contract: the one truth shared by pages and functions. */
export const contracts = {
  user: userContract,
  setup: setupContract
}
export type Contracts = typeof contracts
export type FunctionName = keyof Contracts
