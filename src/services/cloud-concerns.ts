import { concernsContract } from '../core/contract/concerns'
import { carry } from './contracts'

/** services/cloud with the concerns function's contract: the resident's 反映问题 page and the queues. */
carry({ concerns: concernsContract })

export * from './cloud'
