/**
 * The paper questionnaire as an interviewer reads it, written out by hand from
 * 附件1 and independent of src/core: option counts, the jump marks as gotos,
 * and the flag decisions. Tests compare the core's declarative rules with it.
 */
export const IDS = [
  'Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8', 'Q9', 'Q10', 'Q11', 'Q12', 'Q13', 'Q14',
] as const
export type Id = (typeof IDS)[number]

export const OPTION_COUNTS: Record<Id, number> = {
  Q1: 4, Q2: 10, Q3: 4, Q4: 6, Q5: 3, Q6: 6, Q7: 3, Q8: 5, Q9: 3, Q10: 5, Q11: 5, Q12: 14, Q13: 12, Q14: 5,
}

export const MULTIPLE: readonly Id[] = ['Q2', 'Q4', 'Q12', 'Q13']

/** "<跳至Qn>": go straight to Qn. */
export const JUMPS: Partial<Record<Id, Record<number, Id>>> = {
  Q1: { 1: 'Q3', 2: 'Q3' },
  Q5: { 2: 'Q7', 3: 'Q7' },
  Q7: { 2: 'Q9', 3: 'Q9' },
  Q9: { 2: 'Q11', 3: 'Q11' },
}

/** "<跳过Qn>": carry on, but do not ask Qn. */
export const SKIPS: Partial<Record<Id, Record<number, Id>>> = {
  Q6: { 1: 'Q8', 2: 'Q8' },
}

export const EXCLUSIVE: Partial<Record<Id, number>> = { Q12: 13, Q13: 12 }
export const OTHER: Partial<Record<Id, number>> = { Q2: 10, Q4: 6, Q12: 14, Q13: 11 }

/**
 * Walks the paper from Q1 like an interviewer with a goto list. Stops at the
 * first asked question without an answer.
 */
export function paperWalk(answerOf: (id: Id) => readonly number[] | undefined): {
  asked: Id[]
  stoppedAt: Id | null
} {
  const asked: Id[] = []
  const skipped = new Set<Id>()
  let i = 0
  while (i < IDS.length) {
    const id = IDS[i]
    if (skipped.has(id)) {
      i++
      continue
    }
    asked.push(id)
    const chosen = answerOf(id)
    if (!chosen || chosen.length === 0) return { asked, stoppedAt: id }
    const first = chosen[0]
    const skip = SKIPS[id]?.[first]
    if (skip) skipped.add(skip)
    const jump = MULTIPLE.includes(id) ? undefined : JUMPS[id]?.[first]
    i = jump ? IDS.indexOf(jump) : i + 1
  }
  return { asked, stoppedAt: null }
}

export type LooseAnswers = Record<string, number[] | undefined>
export type LooseOthers = Record<string, string | undefined>

/**
 * The oracle: a straightforward reading of "these answers could be submitted".
 * Every key a question; every answer a set of printed options; one option on
 * single choice; an exclusive option alone; "其他" chosen exactly when a
 * non-blank text of at most 50 characters is given; and the answered questions
 * are exactly those the paper walk asks.
 */
export function consistent(answers: LooseAnswers, others: LooseOthers): boolean {
  const isId = (k: string): boolean => (IDS as readonly string[]).includes(k)
  if (!Object.keys(answers).every(isId) || !Object.keys(others).every(isId)) return false
  for (const id of IDS) {
    const chosen = answers[id] ?? []
    if (chosen.some((v) => !Number.isInteger(v) || v < 1 || v > OPTION_COUNTS[id])) return false
    if (new Set(chosen).size !== chosen.length) return false
    if (!MULTIPLE.includes(id) && chosen.length > 1) return false
    const exclusive = EXCLUSIVE[id]
    if (exclusive !== undefined && chosen.includes(exclusive) && chosen.length > 1) return false
    const other = OTHER[id]
    const text = (others[id] ?? '').trim()
    const otherChosen = other !== undefined && chosen.includes(other)
    if (otherChosen !== (text !== '')) return false
    if (Array.from(text).length > 50) return false
  }
  const walk = paperWalk((id) => answers[id])
  if (walk.stoppedAt !== null) return false
  return IDS.every((id) => (answers[id] ?? []).length === 0 || walk.asked.includes(id))
}
