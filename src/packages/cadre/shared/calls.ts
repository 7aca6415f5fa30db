import type { EventOf, StatsContract } from '../../../core/contract'

// The contract's empty `z.object({})` types as Record<string, never>, which rejects even `action`.
export const MY_VILLAGE = { action: 'myVillage' } as EventOf<StatsContract, 'myVillage'>
