import { z } from 'zod'
import {
  eventSchemaOf,
  failure,
  invalidInput,
  success,
  type ActionName,
  type AnswerOf,
  type FunctionContract,
  type ParsedEventOf,
  type Result
} from '../../src/core/contract'
import { currentCaller, TIMER_SOURCE, type Caller } from './caller'
import { isTransactionConflict } from './data'
import { Refusal } from './refusal'

export type ActionHandlers<C extends FunctionContract> = {
  [A in ActionName<C>]: (event: ParsedEventOf<C, A>, caller: Caller) => Promise<AnswerOf<C, A>>
}

/**
 * Builds a cloud function's `main`: parse the event with the contract, run the action as its caller,
 * answer `{ ok, data }` or `{ ok: false, code, message }`. Handlers refuse by throwing a Refusal,
 * before they write or inside a transaction, so a refusal never leaves a write behind.
 */
export interface MainOptions<C extends FunctionContract> {
  /** The action a timer trigger (config.json) runs; timer calls carry no action and no user. */
  timerAction?: ActionName<C>
}

export function createMain<C extends FunctionContract>(name: string, contract: C, handlers: ActionHandlers<C>, options: MainOptions<C> = {}) {
  const eventSchema = eventSchemaOf(contract)
  return async function main(event: unknown): Promise<Result<unknown>> {
    // Only the platform can set SOURCE, so an event dressed up as a timer from a client is not one.
    const fromTimer = options.timerAction !== undefined && currentCaller().source === TIMER_SOURCE
    const input = fromTimer ? { action: options.timerAction } : stripPlatformFields(event)
    const parsed = eventSchema.safeParse(input)
    if (!parsed.success) return invalidInput(parsed.error)
    const action = parsed.data.action as ActionName<C>
    try {
      const caller = currentCaller()
      const data = await handlers[action](parsed.data as ParsedEventOf<C, typeof action>, caller)
      return success(data)
    } catch (error) {
      if (error instanceof Refusal) return failure(error.code, error.message, error.issues)
      if (error instanceof z.ZodError) return invalidInput(error)
      if (isTransactionConflict(error)) return failure('CONFLICT', '同时操作的人较多,请稍后再试')
      console.error(`[${name}.${action}]`, error)
      return failure('INTERNAL', '服务暂时不可用,请稍后再试')
    }
  }
}

/** WeChat adds `userInfo` (and timer calls add trigger fields) to the event; they are not input. */
function stripPlatformFields(event: unknown): unknown {
  if (!event || typeof event !== 'object') return event
  const { userInfo: _u, Type: _t, TriggerName: _n, Time: _m, ...rest } = event as Record<string, unknown>
  return rest
}
