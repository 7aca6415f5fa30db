import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import { revealById } from '../notice'
import { reviewRowId } from '../answer-review'
import type { FlowState } from './flow'

/**
 * A new question starts at its top; back on the review screen after "修改", the screen shows the question
 * just edited rather than the top of a five-screen list. `also`: other changes that start a new screen.
 */
export function useScreenScroll(flow: FlowState, also?: unknown): void {
  const back = flow.current === 'review' ? flow.returnTo : null
  useEffect(() => {
    if (back) revealById(reviewRowId(back), 'start')
    else Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
  }, [flow.current, back, also])
}
