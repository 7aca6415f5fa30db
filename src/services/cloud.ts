import Taro from '@tarojs/taro'
import type { ActionName, AnswerOf, Contracts, EventOf, FunctionName } from '../core/contract'
import { eventSchemaOf, type ActionContract } from '../core/contract/define'
import { failure, failureSchema, invalidInput, type Failure, type Result } from '../core/contract/result'
import { contractOf } from './contracts'
import { localOpenid } from './local-user'
import { isOnline } from './network'

// Built once per carried set of actions: carrying more (services/cloud-staff) makes a new one.
const eventSchemas = new WeakMap<object, ReturnType<typeof eventSchemaOf>>()
function eventSchema(name: FunctionName) {
  const contract = contractOf(name)
  if (!contract) return undefined
  let schema = eventSchemas.get(contract)
  if (!schema) eventSchemas.set(contract, (schema = eventSchemaOf(contract as Record<string, ActionContract>)))
  return schema
}

/** How long a call may take before the phone gives up on its answer (the cloud's own limit is 60 s). */
export const DEFAULT_TIMEOUT_MS = 15_000
let timeoutMs = DEFAULT_TIMEOUT_MS

/** Tests only: a shorter wait. */
export function setCloudTimeout(ms: number = DEFAULT_TIMEOUT_MS): void {
  timeoutMs = ms
}

export const TIMEOUT_MESSAGE = '网络不好,没有提交成功,内容已保留,请稍后重试'
export const OFFLINE_MESSAGE = '手机没有网络,没有提交成功,内容已保留,请连网后重试'
const UNREACHABLE_MESSAGE = '网络不稳定,请稍后重试'

/** No answer: the phone gave up waiting. */
class Timeout extends Error {}

/** What a platform failure says about the network: offline, timed out, or something else (the cloud's). */
function classify(error: unknown): Failure {
  if (error instanceof Timeout) return failure('TIMEOUT', TIMEOUT_MESSAGE)
  if (!isOnline()) return failure('OFFLINE', OFFLINE_MESSAGE)
  const text = String((error as { errMsg?: string })?.errMsg ?? (error as Error)?.message ?? error)
  if (/timeout|timed out|超时/i.test(text)) return failure('TIMEOUT', TIMEOUT_MESSAGE)
  // fetch's TypeError (Failed to fetch, NetworkError, Load failed) and WeChat's request:fail: nothing got through.
  if (error instanceof TypeError || /request:fail|network|网络|failed to fetch|load failed|ERR_/i.test(text)) return failure('OFFLINE', OFFLINE_MESSAGE)
  return failure('INTERNAL', UNREACHABLE_MESSAGE)
}

async function transport(name: string, event: object, ms: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const abort = typeof AbortController !== 'undefined' ? new AbortController() : undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort?.abort()
      reject(new Timeout())
    }, ms)
  })
  const send = async (): Promise<unknown> => {
    if (process.env.TARO_ENV === 'h5') {
      const res = await fetch(`/api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': localOpenid() },
        body: JSON.stringify(event),
        signal: abort?.signal
      })
      return res.json()
    }
    // WeChat cannot cancel a call: a late answer is simply dropped (the race below is already lost).
    const res = await Taro.cloud.callFunction({ name, data: event as Record<string, unknown> })
    return res.result
  }
  try {
    return await Promise.race([send(), expired])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Calls a cloud function action. The event is checked against the same contract the function uses
 * before it leaves the phone, and the answer is checked on the way back: one contract, both ends.
 * It always resolves: a refusal is the function's code; no answer within the timeout is TIMEOUT, no
 * network OFFLINE (see isTransportFailure), each with a Chinese message. Writes carry client-made
 * ids, so sending the same event again after a TIMEOUT never counts twice.
 */
export async function callCloud<N extends FunctionName, A extends ActionName<Contracts[N]>>(
  name: N,
  event: EventOf<Contracts[N], A>,
  options: { timeoutMs?: number } = {}
): Promise<Result<AnswerOf<Contracts[N], A>>> {
  const schema = eventSchema(name)
  // A contract comes with the client module that carries it (services/contracts): a programming slip.
  if (!schema) return failure('INTERNAL', '这个功能还没有准备好,请返回后重试')
  const parsed = schema.safeParse(event)
  if (!parsed.success) return invalidInput(parsed.error)
  // Known to be offline: say so at once rather than after the timeout.
  if (!isOnline()) return failure('OFFLINE', OFFLINE_MESSAGE)
  let answer: unknown
  try {
    answer = await transport(name, event, options.timeoutMs ?? timeoutMs)
  } catch (error) {
    return classify(error)
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

/** No answer reached the phone (TIMEOUT, OFFLINE): worth sending the same event again later. */
export function isTransportFailure(res: { ok: boolean; code?: string }): boolean {
  return !res.ok && (res.code === 'TIMEOUT' || res.code === 'OFFLINE')
}
