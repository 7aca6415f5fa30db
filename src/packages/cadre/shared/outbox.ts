/**
 * The cadre pages' side of the outbox (services/outbox): the items a registration, a visit and a
 * reply make, and what a page shows after handing one over. Kept in the cadre subpackage: residents
 * never load it.
 */
import { maskPhone, parsePhone } from '../../../core/contact'
import type { ConcernsContract, ContactsContract, EventOf, Result, VisitsContract } from '../../../core/contract'
import { deliver, outbox } from '../../../services/outbox-store'
import type { OutboxInput } from '../../../services/outbox'

export type RegisterEvent = EventOf<ContactsContract, 'register'> & { registrationId: string }
export type VisitEvent = EventOf<VisitsContract, 'record'>
export type ReplyEvent = EventOf<ConcernsContract, 'reply'> & { replyId: string }

/** What the page says when a record stays on the phone to go later by itself. */
export const KEPT_MESSAGE = '现在网络不通，已先存在本手机上（待上传），有网络后会自动上传，不用再点。'

/** A typed number as lists show it (138****8000), before the server has seen it. */
export const maskedOf = (phone: string): string => {
  const parsed = parsePhone(phone)
  return parsed.ok ? maskPhone(parsed.normalized) : '号码待核对'
}

/** A registration as the outbox keeps it: the event to send, and "李四 138****8000" to show. */
export function registrationItem(event: RegisterEvent): OutboxInput {
  return { id: event.registrationId, kind: 'register', label: `${event.name.trim()} ${maskedOf(event.phone)}`, call: { name: 'contacts', event } }
}

/** A visit: its event, and the household's name as the list showed it. */
export function visitItem(event: VisitEvent, household: string): OutboxInput {
  return { id: event.visitId, kind: 'visit', label: household, call: { name: 'visits', event } }
}

/** A reply: its event, and the concern's code with the start of the reply. */
export function replyItem(event: ReplyEvent, code: string): OutboxInput {
  const start = Array.from(event.text.trim())
  return { id: event.replyId, kind: 'reply', label: `${code}：${start.slice(0, 12).join('')}${start.length > 12 ? '…' : ''}`, call: { name: 'concerns', event } }
}

/**
 * Hands a record made on a page to the outbox and answers as the page needs it: the function's
 * answer, `kept` (waiting on the phone, to go by itself), or the refusal. A refusal goes back to the
 * page, whose form still holds what was typed, so the item leaves the outbox (no record twice on screen).
 */
export async function send<T>(input: OutboxInput): Promise<Result<T> | { ok: 'kept'; message: string }> {
  const delivery = await deliver(input)
  switch (delivery.kind) {
    case 'sent':
      return { ok: true, data: delivery.data as T }
    case 'kept':
      return { ok: 'kept', message: KEPT_MESSAGE }
    case 'refused':
      outbox().discard(input.id)
      return { ok: false, code: delivery.refusal.code as 'CONFLICT', message: delivery.refusal.message, ...(delivery.refusal.issues ? { issues: delivery.refusal.issues } : {}) }
    case 'unsaved':
      return { ok: false, code: 'INTERNAL', message: delivery.message }
  }
}
