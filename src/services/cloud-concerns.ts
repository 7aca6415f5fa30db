import { concernsResident } from '../core/contract/concerns-resident'
import { carry } from './contracts'

/** services/cloud with what residents call of the concerns function: the 反映问题 page (submit, mine). */
carry({ concerns: concernsResident })

export * from './cloud'
