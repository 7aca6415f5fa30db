import '../core/contract/locale'
import type { Contracts, FunctionName } from '../core/contract'
import { campaignsContract } from '../core/contract/campaigns'
import { concernsContract } from '../core/contract/concerns'
import { surveyContract } from '../core/contract/survey'
import { townsContract } from '../core/contract/towns'
import { userContract } from '../core/contract/user'

/**
 * The contracts this bundle carries, for callCloud's checks. The main package carries only those of
 * the functions residents' pages call; cadre and admin code imports services/cloud-staff, which adds
 * the rest, so a resident never downloads them (the barrel core/contract imports them all: take
 * only types from it here).
 */
// campaigns: residents fetch the current questionnaire (campaigns.current) for the practice.
const carried: Partial<Contracts> = { user: userContract, survey: surveyContract, concerns: concernsContract, towns: townsContract, campaigns: campaignsContract }

export const RESIDENT_FUNCTIONS = Object.keys(carried) as FunctionName[]

export function contractOf<N extends FunctionName>(name: N): Contracts[N] | undefined {
  return carried[name] as Contracts[N] | undefined
}

export function carry(more: Partial<Contracts>): void {
  Object.assign(carried, more)
}
