import { campaignsContract } from '../core/contract/campaigns'
import { concernsContract } from '../core/contract/concerns'
import { contactsContract } from '../core/contract/contacts'
import { inspectionsContract } from '../core/contract/inspections'
import { setupContract } from '../core/contract/setup'
import { statsContract } from '../core/contract/stats'
import { surveyContract } from '../core/contract/survey'
import { townsContract } from '../core/contract/towns'
import { userContract } from '../core/contract/user'
import { visitsContract } from '../core/contract/visits'
import type { Contracts } from '../core/contract'
import { carry } from './contracts'

/**
 * The typed client for cadre and admin code (the subpackages): services/cloud carrying every contract.
 * Import callCloud from here, not from services/cloud, in anything under src/packages/
 * (tests/bundle/layout.test.ts checks).
 */
const staff: Contracts = {
  user: userContract,
  towns: townsContract,
  contacts: contactsContract,
  stats: statsContract,
  visits: visitsContract,
  inspections: inspectionsContract,
  setup: setupContract,
  survey: surveyContract,
  concerns: concernsContract,
  campaigns: campaignsContract
}
carry(staff)

export * from './cloud'
