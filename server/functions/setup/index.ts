import { setupContract } from '../../../src/core/contract'
import { SEED_INSPECTION_UNITS } from '../../../src/core/inspections'
import { DEFAULT_TOWN, seedContent, seedUnits, unitKey } from '../../../src/core/towns'
import { audit } from '../../lib/audit'
import { database } from '../../lib/cloud'
import { COLLECTIONS } from '../../lib/collections'
import { findById, type Db } from '../../lib/data'
import { createMain } from '../../lib/handler'
import { requireCountyAdmin } from '../../lib/roles'
import { respondentSecret } from '../../lib/secret'
import { TOWNS, UNITS, unitsOf, type TownDoc, type UnitDoc } from '../../lib/towns'
import { assignMissingOwners } from '../contacts/ownership'
import { ensureFirstCampaign } from '../campaigns/model'

function alreadyExists(error: unknown): boolean {
  return /exist/i.test(String((error as { errMsg?: string })?.errMsg ?? (error as Error)?.message ?? ''))
}

/**
 * The seed town (附件3, 附件4, 附件5): its document and its units, only what is missing, so a quota or a
 * letter an admin edited survives a second run. Data stored before towns existed is not migrated
 * (nothing was deployed then).
 */
async function seedDefaultTown(db: Db, admin: string): Promise<{ townsCreated: number; villagesCreated: number }> {
  let townsCreated = 0
  if (!(await findById<TownDoc>(db, TOWNS, DEFAULT_TOWN))) {
    const town: Omit<TownDoc, '_id'> = { name: DEFAULT_TOWN, order: 0, ...seedContent(), createdAt: new Date(), createdBy: admin, updatedAt: null }
    await db.collection(TOWNS).doc(DEFAULT_TOWN).set({ data: town })
    townsCreated = 1
  }
  let villagesCreated = 0
  for (const [order, unit] of seedUnits().entries()) {
    const id = unitKey(DEFAULT_TOWN, unit.name)
    if (await findById<UnitDoc>(db, UNITS, id)) continue
    const doc: Omit<UnitDoc, '_id'> = { town: DEFAULT_TOWN, name: unit.name, quota: unit.quota, order, type: '村/社区', active: true }
    await db.collection(UNITS).doc(id).set({ data: doc })
    villagesCreated++
  }
  villagesCreated += await seedInspectionUnits(db)
  return { townsCreated, villagesCreated }
}

/** Marks that the plan's other units were seeded once: one an admin renamed or removed is not made again. */
const INSPECTION_UNITS_SEEDED = 'seed-inspection-units'

/**
 * The units the plan inspects beside the villages (联合学校, 派出所, 司法所, 第六人民医院; quota 0), after
 * the villages in the table's order. Once per install, existing installs included (the first init
 * after this version adds them): later runs leave them as the admins keep them.
 */
async function seedInspectionUnits(db: Db): Promise<number> {
  if (await findById(db, COLLECTIONS.settings, INSPECTION_UNITS_SEEDED)) return 0
  // After every unit the town has now (an install may have added villages since the seed).
  let order = (await unitsOf(db, DEFAULT_TOWN)).reduce((max, u) => Math.max(max, u.order + 1), seedUnits().length)
  let created = 0
  for (const unit of SEED_INSPECTION_UNITS) {
    const id = unitKey(DEFAULT_TOWN, unit.name)
    if (!(await findById<UnitDoc>(db, UNITS, id))) {
      const doc: Omit<UnitDoc, '_id'> = { town: DEFAULT_TOWN, name: unit.name, quota: 0, order, type: unit.type, active: true }
      await db.collection(UNITS).doc(id).set({ data: doc })
      created++
    }
    order++
  }
  await db.collection(COLLECTIONS.settings).doc(INSPECTION_UNITS_SEEDED).set({ data: { at: new Date() } })
  return created
}

export const main = createMain('setup', setupContract, {
  async init(_event, caller) {
    const db = database()
    const admin = await requireCountyAdmin(db, caller)
    const collections = Object.values(COLLECTIONS)
    for (const name of collections) {
      try {
        await db.createCollection(name)
      } catch (error) {
        if (!alreadyExists(error)) throw error
      }
    }
    await respondentSecret(db)
    const { townsCreated, villagesCreated } = await seedDefaultTown(db, admin.openid)
    // Households stored before they had a holder get one (once; nothing to do on later runs).
    const ownersAssigned = await assignMissingOwners(db)
    // The 2023 campaign, current, at first start and on an install from before campaigns (once).
    const campaignsCreated = await ensureFirstCampaign(db, admin.openid)
    if (townsCreated || villagesCreated || ownersAssigned || campaignsCreated) {
      await audit(db, db, { actor: admin.openid, action: 'setup.init', town: DEFAULT_TOWN, detail: { townsCreated, villagesCreated, ownersAssigned, campaignsCreated } })
    }
    return { collections, townsCreated, villagesCreated }
  }
})
