import * as z from 'zod/mini'
import type * as core from 'zod/v4/core'

/**
 * A cloud function's contract: for each action, the schema of its event and of its answer's data.
 * The function parses events with it; the client checks what it sends and what comes back with it.
 */
export interface ActionContract<E extends core.$ZodType = core.$ZodType, A extends core.$ZodType = core.$ZodType> {
  event: E
  answer: A
}

export type FunctionContract = Record<string, ActionContract>

// Marked pure so that a bundle leaves out a contract nobody in it uses (services/contracts).
// @__NO_SIDE_EFFECTS__
export function defineFunction<C extends FunctionContract>(actions: C): C {
  return actions
}

/** The union of every event a function accepts, tagged by `action`. */
export function eventSchemaOf<C extends FunctionContract>(contract: C) {
  const options = Object.entries(contract).map(([action, spec]) =>
    // zod/mini's extend takes the cadre and admin contracts' (classic zod) objects too.
    z.extend(spec.event as unknown as z.ZodMiniObject, { action: z.literal(action) })
  )
  return z.discriminatedUnion('action', options as unknown as [z.ZodMiniObject, ...z.ZodMiniObject[]], {
    error: (issue) =>
      issue.code === 'invalid_union' ? `未知的操作,可用的操作:${Object.keys(contract).join('、')}` : undefined
  })
}

export type ActionName<C extends FunctionContract> = keyof C & string
/** An empty `z.object({})` infers as Record<string, never>, which would forbid even `action`. */
type Fields<T> = string extends keyof T ? {} : T // eslint-disable-line @typescript-eslint/ban-types
export type EventOf<C extends FunctionContract, A extends ActionName<C>> = Fields<z.input<C[A]['event']>> & { action: A }
export type ParsedEventOf<C extends FunctionContract, A extends ActionName<C>> = Fields<z.output<C[A]['event']>> & { action: A }
export type AnswerOf<C extends FunctionContract, A extends ActionName<C>> = z.output<C[A]['answer']>
