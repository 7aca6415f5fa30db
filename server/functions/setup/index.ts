import { setupContract } from '../../../src/core/contract'
import { VILLAGES } from '../../../src/core/villages'
import { audit } from '../../lib/audit'
import { database } from '../../lib/cloud'
import { COLLECTIONS } from '../../lib/collections'
import { findById, type Stored } from '../../lib/data'
import { createMain } from '../../lib/handler'
import { requireAdmin } from '../../lib/roles'
import { respondentSecret } from '../../lib/secret'
import { assignMissingOwners } from '../contacts/ownership'

/** A village's quota lives in the database so admins can edit it mid-campaign; 附件3 is the start. */
export interface VillageDoc extends Stored {
  name: string
  quota: number
  order: number
}

function alreadyExists(error: unknown): boolean {
  return /exist/i.test(String((error as { errMsg?: string })?.errMsg ?? (error as Error)?.message ?? ''))
}

export const main = createMain('setup', setupContract, {
  async init(_event, caller) {
    const db = database()
    const admin = await requireAdmin(db, caller)
    const collections = Object.values(COLLECTIONS)
    for (const name of collections) {
      try {
        await db.createCollection(name)
      } catch (error) {
        if (!alreadyExists(error)) throw error
      }
    }
    await respondentSecret(db)
    // Only missing villages are written: a quota edited by an admin survives a second run.
    let villagesCreated = 0
    for (const [order, village] of VILLAGES.entries()) {
      if (await findById<VillageDoc>(db, COLLECTIONS.villages, village.name)) continue
      await db.collection(COLLECTIONS.villages).doc(village.name).set({ data: { name: village.name, quota: village.quota, order } })
      villagesCreated++
    }
    // Households stored before they had a holder get one (once; nothing to do on later runs).
    const ownersAssigned = await assignMissingOwners(db)
    if (villagesCreated || ownersAssigned) await audit(db, db, { actor: admin.openid, action: 'setup.init', detail: { villagesCreated, ownersAssigned } })
    return { collections, villagesCreated }
  }
})
