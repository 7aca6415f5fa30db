import '../core/contract/locale'
import type { Contracts, FunctionName } from '../core/contract'
import { townsResident } from '../core/contract/towns-resident'
import { userResident } from '../core/contract/user-resident'

/** Some or all of each function's actions: a client module carries what its callers call. */
export type Carried = { [N in FunctionName]?: Partial<Contracts[N]> }

/**
 * The contracts this bundle carries, for callCloud's checks, action by action. Every page may ask
 * who the caller is and what the towns are, so the residents' actions of `user` and `towns` are
 * always here; a module that calls another function takes callCloud from the client that carries
 * it (services/cloud-survey, services/cloud-concerns and services/cloud-campaigns carry what
 * residents' pages call; cadre and admin code takes services/cloud-staff, which carries every
 * contract whole). A resident then downloads no schema of an action only staff call (the barrel
 * core/contract imports them all: take only types from it here). tests/bundle/layout.test.ts
 * checks the imports.
 */
const carried: Carried = { user: userResident, towns: townsResident }

export function contractOf<N extends FunctionName>(name: N): Partial<Contracts[N]> | undefined {
  return carried[name] as Partial<Contracts[N]> | undefined
}

/** Adds actions (never removes one: a resident client loaded after the staff one keeps the whole contract). */
export function carry(more: Carried): void {
  for (const name of Object.keys(more) as FunctionName[]) {
    carried[name] = { ...carried[name], ...more[name] } as never
  }
}
