/**
 * One daily budget per cadre for everything that tells them whether a whole number is registered:
 * a whole-number list search, and a refused registration (form, edit, import row) of a number held
 * by a household they do not hold. Both spend the same `rate_limits` counter, so a cadre learns
 * about at most NUMBER_SEARCHES_PER_DAY numbers a China day whichever way they ask.
 */
import { maskPhone } from '../../../src/core/contact'
import { audit } from '../../lib/audit'
import type { Db } from '../../lib/data'
import { takeOne, takeUpTo } from '../../lib/daily-limit'
import { refuse } from '../../lib/refusal'
import type { Identity } from '../../lib/roles'
import { mayHold, type ContactDoc } from './model'
import { takenMessage } from './register'

/** Whole numbers one cadre may look up a China day: enough to find a household, too few to sweep numbers. */
export const NUMBER_SEARCHES_PER_DAY = 50
export const NUMBER_SEARCH_ACTION = 'contacts.searchNumber'

/**
 * Counts one of a cadre's whole-number searches, or refuses RATE_LIMITED at the limit (writing
 * nothing). Its audit entry is written before anything is answered: no entry, no answer.
 */
export async function countNumberSearch(db: Db, who: Identity, town: string, phone: string, found: number): Promise<void> {
  if (!(await takeOne(db, NUMBER_SEARCH_ACTION, who.openid, NUMBER_SEARCHES_PER_DAY, { town }))) {
    refuse('RATE_LIMITED', `今天按完整号码搜索已达${NUMBER_SEARCHES_PER_DAY}次,请明天再试,或按4位尾号搜索`)
  }
  await audit(db, db, { actor: who.openid, action: NUMBER_SEARCH_ACTION, town, detail: { village: who.village, searched: maskPhone(phone), found } })
}

type BudgetHolder = Pick<ContactDoc, 'town' | 'village' | 'owner'>

/**
 * What the caller hears of each taken number met while acting on `town`, in order. A cadre's conflict
 * with a household they hold tells nothing new and is free; every other one (another village's,
 * another town's) spends one of today's lookups, and once they are spent the answer names no village
 * or town at all (not even 其他村(社区) or 其他乡镇). The budget is the cadre's, wherever the number is.
 * Admins are not counted.
 */
export async function conflictAnswers(db: Db, who: Identity, town: string, holders: BudgetHolder[]): Promise<string[]> {
  if (who.role !== 'cadre') return holders.map((h) => takenMessage(h, who, town))
  const charged = holders.filter((h) => !mayHold(h, who)).length
  let granted = charged ? await takeUpTo(db, NUMBER_SEARCH_ACTION, who.openid, NUMBER_SEARCHES_PER_DAY, charged, { town }) : 0
  return holders.map((h) => {
    if (mayHold(h, who)) return takenMessage(h, who, town)
    return takenMessage(h, who, town, granted-- > 0)
  })
}

export async function conflictAnswer(db: Db, who: Identity, town: string, holder: BudgetHolder): Promise<string> {
  return (await conflictAnswers(db, who, town, [holder]))[0]
}
