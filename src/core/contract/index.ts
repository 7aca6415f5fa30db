import './locale'

export * from './result'
export * from './define'
export * from './user'
export * from './setup'
export * from './survey'
import { setupContract } from './setup'
import { surveyContract } from './survey'
import { userContract } from './user'

/** Every cloud function by name, with its contract: the one truth shared by pages and functions. */
export const contracts = {
  user: userContract,
  setup: setupContract,
  survey: surveyContract
}
export type Contracts = typeof contracts
export type FunctionName = keyof Contracts
