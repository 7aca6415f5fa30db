import './locale'

export * from './result'
export * from './define'
export * from './user'
export * from './setup'
export * from './survey'
export * from './contacts'
export * from './stats'
export * from './towns'
export * from './concerns'
export * from './visits'
export * from './inspections'
export * from './campaigns'
import { campaignsContract } from './campaigns'
import { concernsContract } from './concerns'
import { contactsContract } from './contacts'
import { inspectionsContract } from './inspections'
import { setupContract } from './setup'
import { surveyContract } from './survey'
import { statsContract } from './stats'
import { townsContract } from './towns'
import { userContract } from './user'
import { visitsContract } from './visits'

/** Every cloud function by name, with its contract: the one truth shared by pages and functions. */
export const contracts = {
  user: userContract,
  setup: setupContract,
  survey: surveyContract,
  stats: statsContract,
  contacts: contactsContract,
  towns: townsContract,
  visits: visitsContract,
  concerns: concernsContract,
  inspections: inspectionsContract,
  campaigns: campaignsContract
}
export type Contracts = typeof contracts
export type FunctionName = keyof Contracts
