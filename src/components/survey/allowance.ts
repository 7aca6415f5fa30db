import { useEffect, useState } from 'react'
import type { EventOf, SurveyContract } from '../../core/contract'
import { callCloud } from '../../services/cloud'

// The contract's empty `z.object({})` types as Record<string, never>, which rejects even `action`.
const ASK = { action: 'practiceAllowance' } as EventOf<SurveyContract, 'practiceAllowance'>

export interface PracticeAllowance {
  /** Practice runs left today; null until known (or when it could not be asked: practice goes on). */
  left: number | null
  limit: number | null
}

/**
 * Today's practice runs left, asked once when the practice opens, so a family sharing a phone hears
 * "今天还可以练习 N 次" before the first question, not a refusal after the last one.
 */
export function usePracticeAllowance(enabled: boolean): PracticeAllowance {
  const [allowance, setAllowance] = useState<PracticeAllowance>({ left: null, limit: null })
  useEffect(() => {
    if (!enabled) return
    let live = true
    Promise.resolve()
      .then(() => callCloud('survey', ASK))
      .then((res) => {
        if (live && res && res.ok) setAllowance({ left: res.data.left, limit: res.data.limit })
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [enabled])
  return allowance
}
