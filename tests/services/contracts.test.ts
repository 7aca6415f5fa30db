import { campaignsContract } from '../../src/core/contract/campaigns'
import { campaignsResident } from '../../src/core/contract/campaigns-resident'
import { userContract } from '../../src/core/contract/user'
import { carry, contractOf } from '../../src/services/contracts'

/**
 * What callCloud checks against: the resident clients carry some actions of a function, the staff
 * client all of them, in whichever order the modules load (a cadre page may load a resident module
 * after services/cloud-staff).
 */
test('the main package starts with the resident actions of user and towns only', () => {
  expect(Object.keys(contractOf('user') ?? {})).toEqual(['whoami'])
  expect(Object.keys(contractOf('towns') ?? {}).sort()).toEqual(['content', 'list', 'units'])
  expect(contractOf('inspections')).toBeUndefined()
})

test('carrying adds actions and never takes one away', () => {
  carry({ user: userContract, campaigns: campaignsContract })
  const whole = Object.keys(campaignsContract)
  carry({ campaigns: campaignsResident })
  expect(Object.keys(contractOf('campaigns') ?? {})).toEqual(whole)
  expect(contractOf('campaigns')?.close).toBe(campaignsContract.close)
  expect(Object.keys(contractOf('user') ?? {})).toEqual(Object.keys(userContract))
})
