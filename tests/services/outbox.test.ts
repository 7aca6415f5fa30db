/**
 * The outbox's rules with a phone made of plain objects: storage that survives a "restart" (a new
 * Outbox over the same saved value), a cloud whose answers the test decides, a clock and timers the
 * test moves.
 */
import {
  FIRST_DELAY_MS,
  FULL_MESSAGE,
  MAX_DELAY_MS,
  MAX_ITEMS,
  MAX_SERVER_FAILURES,
  Outbox,
  readItems,
  retryDelay,
  STUCK_MESSAGE,
  type OutboxCall,
  type OutboxInput
} from '../../src/services/outbox'
import type { Result } from '../../src/core/contract/result'

type Answer = Result<unknown> | Promise<Result<unknown>>

class Phone {
  saved: unknown = undefined
  clock = 1_000_000
  timers: { at: number; run: () => void; handle: number }[] = []
  sent: OutboxCall[] = []
  /** What the cloud answers next (per call); default: ok. */
  answers: ((call: OutboxCall) => Answer)[] = []
  network = true
  failSave = false

  outbox(): Outbox {
    return new Outbox({
      load: () => (this.saved === undefined ? undefined : JSON.parse(JSON.stringify(this.saved))),
      save: (items) => {
        if (this.failSave) throw new Error('storage full')
        this.saved = JSON.parse(JSON.stringify(items))
      },
      send: async (call) => {
        this.sent.push(call)
        if (!this.network) return { ok: false, code: 'OFFLINE', message: '手机没有网络' }
        const next = this.answers.shift()
        return next ? next(call) : { ok: true, data: { stored: true } }
      },
      now: () => this.clock,
      random: () => 0.5,
      setTimer: (run, ms) => {
        const handle = this.timers.length + 1
        this.timers.push({ at: this.clock + ms, run, handle })
        return handle
      },
      clearTimer: (handle) => {
        this.timers = this.timers.filter((t) => t.handle !== handle)
      }
    })
  }

  /** Moves the clock, firing the timers that fall due. */
  async pass(ms: number, outbox: Outbox) {
    this.clock += ms
    for (const t of this.timers.filter((t) => t.at <= this.clock)) {
      this.timers = this.timers.filter((x) => x !== t)
      t.run()
    }
    await outbox.flush()
  }

  ids = () => this.sent.map((c) => c.event.registrationId ?? c.event.visitId ?? c.event.replyId)
}

let serial = 0
const registration = (name = `居民${++serial}`): OutboxInput => {
  const id = `reg-${String(++serial).padStart(8, '0')}`
  return { id, kind: 'register', label: `${name} 138****8000`, call: { name: 'contacts', event: { action: 'register', name, phone: '13800138000', consent: true, registrationId: id } } }
}
const visit = (): OutboxInput => {
  const id = `visit-${String(++serial).padStart(8, '0')}`
  return { id, kind: 'visit', label: '走访 李*', call: { name: 'visits', event: { action: 'record', visitId: id, contactId: 'a'.repeat(32), letter: true, card: false, explained: false } } }
}
const refused = (code: string, message: string) => (): Answer => ({ ok: false, code: code as 'CONFLICT', message })
const stored = (items: unknown) => (items as { id: string }[]).map((i) => i.id)

describe('kept on the phone', () => {
  it('an item is saved before it is first sent, and a restart (a new outbox over the same storage) still has it', async () => {
    const phone = new Phone()
    phone.network = false
    const outbox = phone.outbox()
    const item = registration('李四')
    const delivery = await outbox.submit(item)
    expect(delivery).toEqual({ kind: 'kept', message: '手机没有网络' })
    expect(stored(phone.saved)).toEqual([item.id])
    const afterRestart = phone.outbox()
    expect(afterRestart.snapshot().items.map((i) => [i.id, i.label, i.call.event.name])).toEqual([[item.id, '李四 138****8000', '李四']])
  })

  it('once sent it leaves the phone, personal data with it', async () => {
    const phone = new Phone()
    const outbox = phone.outbox()
    const delivery = await outbox.submit(registration('王五'))
    expect(delivery).toEqual({ kind: 'sent', data: { stored: true } })
    expect(phone.saved).toEqual([])
    expect(JSON.stringify(phone.saved)).not.toContain('13800138000')
  })

  it('anything unreadable in storage is dropped, the rest kept in the order recorded', () => {
    const good = { id: 'reg-00000001', kind: 'register', label: 'x', createdAt: 2, attempts: 0, serverFailures: 0, nextAt: 0, call: { name: 'contacts', event: { action: 'register' } } }
    const older = { ...good, id: 'visit-00000002', kind: 'visit', createdAt: 1, call: { name: 'visits', event: { action: 'record' } } }
    const items = readItems([good, 'text', null, { ...good, id: 'x' }, { ...good, id: 'reg-00000003', kind: 'buy' }, { ...good, id: 'reg-00000004', call: { name: 'admin', event: { action: 'purge' } } }, good, older])
    expect(items.map((i) => i.id)).toEqual(['visit-00000002', 'reg-00000001'])
    expect(readItems('garbage')).toEqual([])
    expect(readItems(undefined)).toEqual([])
  })

  it(`at most ${MAX_ITEMS} wait: the next is refused on the phone with a message, nothing lost of the others`, async () => {
    const phone = new Phone()
    phone.network = false
    const outbox = phone.outbox()
    for (let i = 0; i < MAX_ITEMS; i++) expect(outbox.add(registration())).toEqual({ ok: true })
    expect(await outbox.submit(registration())).toEqual({ kind: 'unsaved', message: FULL_MESSAGE })
    expect(stored(phone.saved)).toHaveLength(MAX_ITEMS)
  })

  it('storage that cannot be written says so: nothing is pretended to be kept', async () => {
    const phone = new Phone()
    phone.failSave = true
    const outbox = phone.outbox()
    expect(await outbox.submit(registration())).toMatchObject({ kind: 'unsaved' })
    expect(phone.sent).toEqual([])
    expect(outbox.snapshot().items).toEqual([])
  })
})

describe('sent by itself, in order, with the same id every time', () => {
  it('three items recorded offline go, oldest first, when the network returns; each id exactly once', async () => {
    const phone = new Phone()
    phone.network = false
    const outbox = phone.outbox()
    const items = [registration(), visit(), registration()]
    for (const i of items) expect(await outbox.submit(i)).toMatchObject({ kind: 'kept' })
    // Each submit tries the oldest first; its failing stops the run: the newer never go before it.
    expect(phone.ids()).toEqual([items[0].id, items[0].id, items[0].id])
    phone.network = true
    phone.sent = []
    await outbox.flush(true)
    expect(phone.ids()).toEqual(items.map((i) => i.id))
    expect(outbox.snapshot().items).toEqual([])
  })

  it('no answer: tried again with the same event, later and later, never more than MAX_DELAY_MS apart', async () => {
    const phone = new Phone()
    const outbox = phone.outbox()
    const item = registration()
    phone.network = false
    await outbox.submit(item)
    const waits: number[] = []
    for (let n = 0; n < 10; n++) {
      const next = outbox.snapshot().items[0].nextAt - phone.clock
      waits.push(next)
      await phone.pass(next, outbox)
    }
    expect(waits[0]).toBe(FIRST_DELAY_MS)
    expect(waits.slice(0, 4)).toEqual([5_000, 10_000, 20_000, 40_000])
    expect(Math.max(...waits)).toBe(MAX_DELAY_MS)
    expect(new Set(phone.sent.map((c) => JSON.stringify(c))).size).toBe(1)
    expect(phone.sent).toHaveLength(11)
  })

  it('a page opening or a tap that finds the network still down does not make the wait grow', async () => {
    const phone = new Phone()
    phone.network = false
    const outbox = phone.outbox()
    await outbox.submit(registration())
    for (let i = 0; i < 5; i++) await outbox.flush(true)
    expect(outbox.snapshot().items[0].nextAt - phone.clock).toBe(FIRST_DELAY_MS)
    expect(phone.sent).toHaveLength(6)
  })

  it('waiting items keep their turn: an item recorded after one that is waiting never goes first', async () => {
    const phone = new Phone()
    const outbox = phone.outbox()
    const first = registration()
    phone.answers = [() => ({ ok: false, code: 'TIMEOUT', message: '网络不好' })]
    await outbox.submit(first)
    // Recorded while the first waits; its own send is forced, so the older goes first.
    const second = visit()
    phone.sent = []
    expect(await outbox.submit(second)).toEqual({ kind: 'sent', data: { stored: true } })
    expect(phone.ids()).toEqual([first.id, second.id])
  })

  it('a timer run waits for the oldest: it does not send a newer item before it', async () => {
    const phone = new Phone()
    const outbox = phone.outbox()
    const first = registration()
    phone.network = false
    await outbox.submit(first)
    outbox.add(visit())
    phone.network = true
    phone.sent = []
    await phone.pass(FIRST_DELAY_MS - 1, outbox)
    expect(phone.sent).toEqual([])
    await phone.pass(1, outbox)
    expect(phone.ids()[0]).toBe(first.id)
    expect(outbox.snapshot().items).toEqual([])
  })

  it('a flush while another is on its way makes one more run, never two sends of one item at once', async () => {
    const phone = new Phone()
    const outbox = phone.outbox()
    let release!: () => void
    phone.answers = [() => new Promise((resolve) => (release = () => resolve({ ok: true, data: {} })))]
    const item = registration()
    const delivery = outbox.submit(item)
    await Promise.resolve()
    outbox.flush(true)
    outbox.flush(true)
    expect(outbox.snapshot().sending).toBe(item.id)
    release()
    await expect(delivery).resolves.toEqual({ kind: 'sent', data: {} })
    await outbox.flush()
    expect(phone.ids()).toEqual([item.id])
  })

  it('the cloud failing is tried again, then stops after a few in a row (a tap sends it again)', async () => {
    const phone = new Phone()
    const outbox = phone.outbox()
    phone.answers = Array.from({ length: MAX_SERVER_FAILURES }, () => () => ({ ok: false as const, code: 'INTERNAL' as const, message: '云函数运行出错' }))
    await outbox.submit(registration())
    for (let n = 0; n < MAX_SERVER_FAILURES + 3; n++) await phone.pass(MAX_DELAY_MS * 2, outbox)
    expect(phone.sent).toHaveLength(MAX_SERVER_FAILURES)
    const [item] = outbox.snapshot().items
    expect(item.refusal).toEqual({ code: 'INTERNAL', message: STUCK_MESSAGE })
    outbox.retry(item.id)
    await outbox.flush()
    expect(phone.sent).toHaveLength(MAX_SERVER_FAILURES + 1)
    expect(outbox.snapshot().items).toEqual([])
  })
})

describe('a refusal is kept on the item, not lost', () => {
  it('CONFLICT found on upload stays with its Chinese message; the items after it still go', async () => {
    const phone = new Phone()
    phone.network = false
    const outbox = phone.outbox()
    const taken = registration('赵六')
    const next = visit()
    await outbox.submit(taken)
    await outbox.submit(next)
    phone.network = true
    phone.sent = []
    phone.answers = [refused('CONFLICT', '该号码已在其他村(社区)登记')]
    await outbox.flush(true)
    const items = outbox.snapshot().items
    expect(items.map((i) => [i.id, i.refusal])).toEqual([[taken.id, { code: 'CONFLICT', message: '该号码已在其他村(社区)登记' }]])
    expect(phone.ids()).toEqual([taken.id, next.id])
    // Refused items wait for the cadre: no automatic attempt, however long.
    phone.sent = []
    await phone.pass(MAX_DELAY_MS * 10, outbox)
    expect(phone.sent).toEqual([])
    // …and survive a restart with the message.
    expect(phone.outbox().snapshot().items[0].refusal?.message).toBe('该号码已在其他村(社区)登记')
  })

  it('edited, it goes again under the same id; discarded, it leaves the phone unsent', async () => {
    const phone = new Phone()
    const outbox = phone.outbox()
    const item = registration('孙七')
    phone.answers = [refused('INVALID_INPUT', '手机号码没有154这个号段，请核对')]
    expect(await outbox.submit(item)).toEqual({ kind: 'refused', refusal: { code: 'INVALID_INPUT', message: '手机号码没有154这个号段，请核对' } })
    const fixed: OutboxCall = { name: 'contacts', event: { ...item.call.event, phone: '13900139000' } }
    outbox.edit(item.id, fixed, '孙七 139****9000')
    await outbox.flush()
    expect(phone.sent.at(-1)).toEqual(fixed)
    expect(phone.sent.at(-1)?.event.registrationId).toBe(item.id)
    expect(outbox.snapshot().items).toEqual([])

    const other = visit()
    phone.answers = [refused('NOT_FOUND', '没有这户的登记记录,可能已被删除')]
    await outbox.submit(other)
    outbox.discard(other.id)
    expect(outbox.snapshot().items).toEqual([])
    expect(phone.saved).toEqual([])
  })

  it('a refused item submitted again (the same id) is tried again rather than left refused', async () => {
    const phone = new Phone()
    const outbox = phone.outbox()
    const item = registration()
    phone.answers = [refused('RATE_LIMITED', '今天已达上限')]
    await outbox.submit(item)
    expect(await outbox.submit(item)).toEqual({ kind: 'sent', data: { stored: true } })
  })
})

it('retry delays double from 5 s, with jitter of ±25%, capped at 5 minutes', () => {
  expect(retryDelay(1, 0.5)).toBe(5_000)
  expect(retryDelay(2, 0.5)).toBe(10_000)
  expect(retryDelay(1, 0)).toBe(3_750)
  expect(retryDelay(1, 1)).toBe(6_250)
  expect(retryDelay(30, 0.5)).toBe(MAX_DELAY_MS)
})
