/**
 * Each unit's campaign figures at the moment a round opens, frozen into its score document so every
 * unit is judged on the same moment. Read from the maintained counters (village_counters: households
 * registered; visit_counters: the four ticks; concern_counters: raised and replied), every completed
 * mock-survey interview of the town, and the tasks the previous round checked, each in pages of the
 * cloud's maximum (readAll): exact past the read limits, never one capped get().
 */
import { interviewFigures, type UnitFigures } from '../../../src/core/inspections'
import type { Answers } from '../../../src/core/questionnaire'
import { yearWhere } from '../../lib/campaign'
import { COLLECTIONS } from '../../lib/collections'
import { CONCERN_COUNTERS, countsOf, type ConcernCounterDoc } from '../../lib/concern-counters'
import { readAll, type Db, type Stored } from '../../lib/data'
import { isVillage, unitKey, type UnitDoc } from '../../lib/towns'
import { TASKS, type TaskDoc } from './model'

interface Counter extends Stored {
  registered?: number
  visited?: number
  letter?: number
  card?: number
  explained?: number
}

interface InterviewDoc extends Stored {
  village: string | null
  answers: Answers
}

async function byId<T extends Stored>(db: Db, collection: string, where: object): Promise<Map<string, T>> {
  return new Map((await readAll<T>(db, collection, where)).map((d) => [d._id, d]))
}

/** Items by key, in their order; an item whose key is null is left out. */
export function groupBy<T>(items: readonly T[], key: (t: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    if (k === null) continue
    const group = groups.get(k)
    if (group) group.push(item)
    else groups.set(k, [item])
  }
  return groups
}

/** Figures of each unit (by name) of `town` now; `previousRound` is the round whose checks count for 上轮整改. */
/** … of the campaign `year` (the round's): concerns and interviews of other years are not counted. */
export async function unitFigures(db: Db, town: string, units: readonly UnitDoc[], previousRound: string | null, year: number): Promise<Map<string, UnitFigures>> {
  const _ = db.command
  const [registered, visits, concerns, interviews, checked] = await Promise.all([
    byId<Counter>(db, COLLECTIONS.villageCounters, { town }),
    byId<Counter>(db, COLLECTIONS.visitCounters, { town }),
    byId<ConcernCounterDoc>(db, CONCERN_COUNTERS, { town }),
    readAll<InterviewDoc>(db, COLLECTIONS.surveyResponses, _.and([{ town, mode: 'interview', outcome: 'completed' }, yearWhere(_, year)])),
    previousRound ? readAll<TaskDoc>(db, TASKS, { town, checkedIn: previousRound }) : Promise.resolve([] as TaskDoc[])
  ])
  const interviewsOf = groupBy(interviews, (r) => r.village)
  const checkedOf = groupBy(checked, (t) => t.village)
  return new Map(
    units.map((unit) => {
      const key = unitKey(town, unit.name)
      const village = isVillage(unit)
      // Households and visits are a village's (registration is refused elsewhere); concerns and
      // interviews belong to whichever unit they were assigned to or made for.
      const households = village ? (registered.get(key)?.registered ?? 0) : 0
      const v = village ? visits.get(key) : undefined
      const c = countsOf(concerns.get(key), year)
      const tasks = checkedOf.get(unit.name) ?? []
      const figures: UnitFigures = {
        quota: village ? unit.quota : 0,
        registered: households,
        households,
        visited: v?.visited ?? 0,
        letter: v?.letter ?? 0,
        card: v?.card ?? 0,
        explained: v?.explained ?? 0,
        concerns: c.raised,
        replied: c.replied,
        ...interviewFigures(interviewsOf.get(unit.name) ?? []),
        tasksChecked: tasks.length,
        tasksVerified: tasks.filter((t) => t.status === 'verified').length
      }
      return [unit.name, figures]
    })
  )
}
