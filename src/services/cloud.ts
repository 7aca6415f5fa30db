import Taro from '@tarojs/taro'
import {
  contracts,
  eventSchemaOf,
  failure,
  failureSchema,
  invalidInput,
  type ActionName,
  type AnswerOf,
  type Contracts,
  type EventOf,
  type FunctionName,
  type Result
} from '../core/contract'
import { localOpenid } from './local-user'

const eventSchemas = new Map<string, ReturnType<typeof eventSchemaOf>>()
function eventSchema(name: FunctionName) {
  let schema = eventSchemas.get(name)
  if (!schema) eventSchemas.set(name, (schema = eventSchemaOf(contracts[name])))
  return schema
}

async function transport(name: string, event: object): Promise<unknown> {
  if (process.env.TARO_ENV === 'h5') {
    const res = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': localOpenid() },
      body: JSON.stringify(event)
    })
    return res.json()
  }
  const res = await Taro.cloud.callFunction({ name, data: event as Record<string, unknown> })
  return res.result
}

/**
 * Calls a cloud function action. The event is checked against the same contract the function uses
 * before it leaves the phone, and the answer is checked on the way back: one contract, both ends.
 */
export async function callCloud<N extends FunctionName, A extends ActionName<Contracts[N]>>(
  name: N,
  event: EventOf<Contracts[N], A>
): Promise<Result<AnswerOf<Contracts[N], A>>> {
  const parsed = eventSchema(name).safeParse(event)
  if (!parsed.success) return invalidInput(parsed.error)
  let answer: unknown
  try {
    answer = await transport(name, event)
  } catch {
    return failure('INTERNAL', '网络不稳定,请稍后重试')
  }
  const refused = failureSchema.safeParse(answer)
  if (refused.success) return refused.data
  const action = event.action as string
  const spec = (contracts[name] as Record<string, { answer: { safeParse(v: unknown): { success: boolean; data?: unknown } } }>)[action]
  const ok = answer as { ok?: unknown; data?: unknown }
  const data = ok && ok.ok === true ? spec.answer.safeParse(ok.data) : { success: false }
  if (!data.success) return failure('INTERNAL', '服务返回了无法识别的数据,请更新小程序后重试')
  return { ok: true, data: (data as { data: AnswerOf<Contracts[N], A> }).data }
}
