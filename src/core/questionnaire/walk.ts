import { evaluate } from './conditions'
import { own } from './own'
import type { Answers, Questionnaire } from './types'

/**
 * One walk in paper order: a question is visible when its condition holds on
 * the answers of the visible questions before it, so an answer left on a
 * hidden question can never show a later one. Notes are visible like questions.
 */
export function walk(q: Questionnaire, answers: Answers): { visible: string[]; effective: Answers } {
  const effective: Answers = {}
  const visible: string[] = []
  for (const { id } of q.questions) {
    const condition = own(q.relevance, id)
    if (condition && !evaluate(condition, effective)) continue
    visible.push(id)
    const chosen = own(answers, id)
    if (chosen !== undefined) effective[id] = chosen
  }
  return { visible, effective }
}
