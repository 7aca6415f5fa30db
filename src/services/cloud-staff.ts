import { contactsContract } from '../core/contract/contacts'
import { inspectionsContract } from '../core/contract/inspections'
import { setupContract } from '../core/contract/setup'
import { statsContract } from '../core/contract/stats'
import { visitsContract } from '../core/contract/visits'
import type { Contracts } from '../core/contract'
import { carry } from './contracts'

/**
 * The typed client for cadre and admin code (the subpackages): services/cloud plus the contracts of
 * the functions only they call. Import callCloud from here, not from services/cloud, in anything
 * under src/packages/ (tests/weapp/bundle-layout.test.ts checks).
 */
const staff: Omit<Contracts, 'user' | 'survey' | 'concerns' | 'towns' | 'campaigns'> = {
  contacts: contactsContract,
  stats: statsContract,
  visits: visitsContract,
  inspections: inspectionsContract,
  setup: setupContract
}
carry(staff)

export * from './cloud'
