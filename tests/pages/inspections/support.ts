import { contracts, eventSchemaOf, invalidInput, type AnswerOf, type InspectionsContract, type SheetItem, type Task, type Whoami } from '../../../src/core/contract'
import { cloud, serve, type Routes } from '../admin/support'

export const INSPECTOR: Whoami = { openid: 'o-inspector', role: 'inspector', town: '云集街道', name: '李督查' }

type RoundView = AnswerOf<InspectionsContract, 'round'>

const inspectionsEvent = eventSchemaOf(contracts.inspections)

/**
 * Like the admin pages' `serve`, held to the contract both ways: every `inspections.*` answer must
 * first pass the contract's answer schema (a fixture that drifts from what the function may answer
 * fails the test), and an event the contract refuses is answered as the real client answers it
 * (callCloud checks events before they leave the phone), never reaching the route.
 */
export function serveInspections(routes: Routes, who: Whoami = INSPECTOR) {
  const specs = contracts.inspections as unknown as Record<string, { answer: { parse(v: unknown): unknown } }>
  const check = (key: string, data: unknown) => {
    const [fn, action] = key.split('.')
    if (fn !== 'inspections' || (data && typeof data === 'object' && (data as { ok?: unknown }).ok === false)) return data
    return specs[action].answer.parse(data)
  }
  const checked: Routes = {}
  for (const [key, answer] of Object.entries(routes)) {
    checked[key] = typeof answer === 'function' ? (e: Record<string, unknown>) => check(key, (answer as (e: Record<string, unknown>) => unknown)(e)) : check(key, answer)
  }
  serve(checked, who)
  const served = cloud.getMockImplementation()!
  cloud.mockImplementation((async (name: string, event: Record<string, unknown>) => {
    if (name === 'inspections') {
      const parsed = inspectionsEvent.safeParse(event)
      if (!parsed.success) return invalidInput(parsed.error)
    }
    return served(name as never, event as never)
  }) as unknown as typeof served)
}

/** The events that reached a route (the contract accepted them), in order. */
export const reached = (action: string) => {
  const parsed = cloud.mock.calls.filter(([n, e]) => n === 'inspections' && (e as { action: string }).action === action).map(([, e]) => e as Record<string, unknown>)
  return parsed.filter((e) => inspectionsEvent.safeParse(e).success)
}

/** A sheet with both kinds, a chips item (≤5), a village-only item and a stepper item (20). */
export const SHEET: SheetItem[] = [
  { id: 'banner', name: '横幅标语', points: 5, kind: 'entered', hint: '横幅2–5幅，每组标语5幅以上' },
  { id: 'loudspeaker', name: '村村响', points: 3, kind: 'entered', types: ['村/社区'] },
  { id: 'patrol', name: '大走访大巡防', points: 20, kind: 'entered' },
  { id: 'contacts', name: '电话台账', points: 10, kind: 'figures', source: 'contacts' },
  { id: 'replied', name: '诉求回复', points: 10, kind: 'figures', source: 'replied' }
]

export const ROUND_OPEN = {
  id: 'r2',
  town: '云集街道',
  number: 2,
  status: 'open' as const,
  openedAt: '2023-09-10T01:00:00.000Z',
  closedAt: null,
  openedBy: '石时云',
  units: 3,
  scored: 1
}
export const ROUND_CLOSED = { ...ROUND_OPEN, id: 'r1', number: 1, status: 'closed' as const, openedAt: '2023-09-01T01:00:00.000Z', closedAt: '2023-09-09T09:00:00.000Z', scored: 3 }

const unscoredItems = { banner: null, loudspeaker: null, patrol: null }

export function roundView(round: RoundView['round'] = ROUND_OPEN): RoundView {
  return {
    round,
    items: SHEET,
    units: [
      { unit: '新城', type: '村/社区', items: { ...unscoredItems, contacts: 8.5, replied: 10 }, notes: {}, score: null, rates: { contacts: 0.85, replied: 1 }, openTasks: 2, scoredBy: null, toVerify: 1 },
      {
        unit: '云集联合学校',
        type: '学校',
        items: { banner: 4, loudspeaker: null, patrol: 18, contacts: null, replied: 10 },
        notes: { banner: '校门口横幅2幅' },
        score: 91.4,
        rates: { contacts: null, replied: 1 },
        openTasks: 0,
        scoredBy: '李督查',
        toVerify: 0
      },
      { unit: '云集派出所', type: '站所', items: { ...unscoredItems, loudspeaker: null, contacts: null, replied: 5 }, notes: {}, score: null, rates: { contacts: null, replied: 0.5 }, openTasks: 0, scoredBy: null, toVerify: 0 }
    ]
  }
}

export function task(id: string, change: Partial<Task> = {}): Task {
  return {
    id,
    unit: '新城',
    text: '主干道横幅不足2幅',
    status: 'open',
    dueAt: '2023-09-08T16:00:00.000Z',
    overdue: false,
    round: 'r1',
    roundNumber: 1,
    createdAt: '2023-09-01T03:00:00.000Z',
    note: null,
    doneAt: null,
    verifiedAt: null,
    carriedTo: null,
    ...change
  }
}

/** The items of the score screen, as the inspector sees them: name and what is shown for its points. */
export const itemsOnScreen = () =>
  Array.from(document.querySelectorAll('.score__item')).map((el) => ({
    id: el.getAttribute('data-item'),
    name: el.querySelector('.score__item-name')?.textContent,
    points: el.querySelector('.score__item-points')?.textContent
  }))
