import { campaignsResident } from '../core/contract/campaigns-resident'
import { carry } from './contracts'

/** services/cloud with what residents call of the campaigns function: the current questionnaire. */
carry({ campaigns: campaignsResident })

export * from './cloud'
