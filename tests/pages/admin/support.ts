import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { ReactElement } from 'react'
import type { Whoami } from '../../../src/core/contract'
import { DEFAULT_TOWN, seedUnits } from '../../../src/core/towns'
import { callCloud } from '../../../src/services/cloud'

/** Only the transport is replaced: every page test answers `callCloud` from a fixed table. */
export const cloud = callCloud as jest.MockedFunction<typeof callCloud>

export const ADMIN: Whoami = { openid: 'o-admin', role: 'admin' }
export const TOWN_ADMIN: Whoami = { openid: 'o-town-admin', role: 'townAdmin', town: '茶市镇', name: '茶市管理员' }

/** The county's towns and their units as towns.list / towns.units answer, unless a test routes them itself. */
export const TOWNS = [
  { name: DEFAULT_TOWN, units: 23, quota: 6440 },
  { name: '茶市镇', units: 2, quota: 500 }
]
export const TOWN_UNITS: Record<string, { name: string; quota: number; active: boolean; order: number }[]> = {
  [DEFAULT_TOWN]: seedUnits().map((u, order) => ({ ...u, active: true, order })),
  茶市镇: [
    { name: '新城', quota: 300, active: true, order: 0 },
    { name: '茶市', quota: 200, active: true, order: 1 }
  ]
}
const TOWN_ROUTES: Routes = {
  'towns.list': { towns: TOWNS },
  'towns.units': (e: Record<string, unknown>) => {
    const town = (e.town as string | undefined) ?? DEFAULT_TOWN
    return { town, units: TOWN_UNITS[town] ?? [] }
  }
}

type Answer = unknown | ((event: Record<string, unknown>) => unknown)
/** `'stats.villages'` → its answer's data (or a function of the event); a `{ ok: false }` answer is passed as is. */
export type Routes = Record<string, Answer>

export function serve(routes: Routes, who: Whoami = ADMIN) {
  cloud.mockImplementation((async (name: string, event: Record<string, unknown>) => {
    if (name === 'user' && event.action === 'whoami') return { ok: true, data: who }
    const key = `${name}.${String(event.action)}`
    const table = { ...TOWN_ROUTES, ...routes }
    if (!(key in table)) throw new Error(`no fixed answer for ${key}`)
    const answer = table[key]
    const data = typeof answer === 'function' ? (answer as (e: Record<string, unknown>) => unknown)(event) : answer
    if (data && typeof data === 'object' && (data as { ok?: unknown }).ok === false) return data
    return { ok: true, data }
  }) as unknown as typeof callCloud)
}

/** The events sent for one function action, in order. */
export const sent = (name: string, action: string) =>
  cloud.mock.calls.filter(([n, e]) => n === name && (e as { action: string }).action === action).map(([, e]) => e as Record<string, unknown>)

/** Taro.showModal answering as if the admin tapped confirm (true) or cancel (false). */
export function answerModal(confirm: boolean) {
  return jest.spyOn(Taro, 'showModal').mockImplementation(() => Promise.resolve({ confirm, cancel: !confirm, errMsg: 'showModal:ok' } as Taro.showModal.SuccessCallbackResult))
}

export async function open(page: ReactElement) {
  const view = render(page)
  await settle()
  return view
}

/** Lets pending answers and the re-renders they cause finish. */
export async function settle() {
  for (let i = 0; i < 3; i++) await act(async () => undefined)
}

export async function tapText(text: string | RegExp, container: HTMLElement = document.body) {
  const matches = [container, ...Array.from(container.querySelectorAll<HTMLElement>('*'))].filter((el) => {
    const own = Array.from(el.childNodes)
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent ?? '')
      .join('')
      .trim()
    return typeof text === 'string' ? own === text : text.test(own)
  })
  if (matches.length === 0) throw new Error(`nothing to tap reads "${text}"`)
  await act(async () => {
    fireEvent.click(matches[0])
  })
  await settle()
}

/** Types into a Taro Input (the H5 component listens for `input` with the value in `detail`). */
export async function typeInto(selector: string, value: string) {
  const el = document.querySelector(selector)
  if (!el) throw new Error(`no input ${selector}`)
  await act(async () => {
    fireEvent(el, new CustomEvent('input', { detail: { value } }))
  })
}

/** Picks entry `index` of the n-th Picker on the page (the H5 Picker reports `change` with the index). */
export async function pick(nth: number, index: number) {
  const pickers = document.querySelectorAll('taro-picker-core')
  const el = pickers[nth]
  if (!el) throw new Error(`no picker #${nth} (found ${pickers.length})`)
  await act(async () => {
    fireEvent(el, new CustomEvent('change', { detail: { value: index } }))
  })
  await settle()
}
