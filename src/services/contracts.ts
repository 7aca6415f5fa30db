import '../core/contract/locale'
import type { Contracts, FunctionName } from '../core/contract'
import { townsContract } from '../core/contract/towns'
import { userContract } from '../core/contract/user'

/**
 * The contracts this bundle carries, for callCloud's checks. Every page may ask who the caller is and
 * what the towns are, so `user` and `towns` are always here; a module that calls another function
 * takes callCloud from the client that carries its contract (services/cloud-survey,
 * services/cloud-concerns; cadre and admin code services/cloud-staff, which carries them all). A
 * resident's first screen then downloads no contract it does not call (the barrel core/contract
 * imports them all: take only types from it here). tests/bundle/layout.test.ts checks the imports.
 */
const carried: Partial<Contracts> = { user: userContract, towns: townsContract }

export function contractOf<N extends FunctionName>(name: N): Contracts[N] | undefined {
  return carried[name] as Contracts[N] | undefined
}

export function carry(more: Partial<Contracts>): void {
  Object.assign(carried, more)
}
