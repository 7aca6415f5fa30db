import Taro from '@tarojs/taro'
import type { ActionName, AnswerOf, Contracts, EventOf, FunctionName } from '../core/contract'
import { eventSchemaOf } from '../core/contract/define'
import { failure, failureSchema, invalidInput, type Result } from '../core/contract/result'
import { contractOf } from './contracts'
import { localOpenid } from './local-user'

const eventSchemas = new Map<string, ReturnType<typeof eventSchemaOf>>()
function eventSchema(name: FunctionName) {
  let schema = eventSchemas.get(name)
  const contract = contractOf(name)
  if (!schema && contract) eventSchemas.set(name, (schema = eventSchemaOf(contract)))
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
  const schema = eventSchema(name)
  // Cadre and admin functions' contracts come with services/cloud-staff; the main package lacks them.
  if (!schema) return failure('INTERNAL', '此功能需要先打开干部或管理页面,请返回重试')
  const parsed = schema.safeParse(event)
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
  const spec = (contractOf(name) as Record<string, { answer: { safeParse(v: unknown): { success: boolean; data?: unknown } } }>)[action]
  const ok = answer as { ok?: unknown; data?: unknown }
  const data = ok && ok.ok === true ? spec.answer.safeParse(ok.data) : { success: false }
  if (!data.success) return failure('INTERNAL', '服务返回了无法识别的数据,请更新小程序后重试')
  return { ok: true, data: (data as { data: AnswerOf<Contracts[N], A> }).data }
}
