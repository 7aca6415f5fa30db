import { act, fireEvent } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Whoami } from '../../../src/core/contract'
import { callCloud } from '../../../src/services/cloud'
import { PRIVACY_VERSION } from '../../../src/services/consent'

export const CADRE: Whoami = { openid: 'o-cadre', role: 'cadre', village: '新塘站', name: '王芳' }

type Call = { name: string; event: { action: string } & Record<string, unknown> }
type Handler = (event: Call['event']) => unknown

/**
 * Answers the cloud calls a page makes, by "function.action"; anything unexpected fails the test.
 * Only the transport is replaced: pages still go through their real state and the contract's types.
 */
export function serveCloud(cloud: jest.MockedFunction<typeof callCloud>, routes: Record<string, Handler>): Call[] {
  const calls: Call[] = []
  cloud.mockImplementation((async (name: string, event: Call['event']) => {
    calls.push({ name, event })
    const route = routes[`${name}.${event.action}`]
    if (!route) throw new Error(`unexpected call ${name}.${event.action}`)
    return route(event)
  }) as unknown as typeof callCloud)
  return calls
}

export const ok = <T,>(data: T) => ({ ok: true as const, data })
export const refused = (code: string, message: string) => ({ ok: false as const, code, message })

/**
 * In jsdom, Taro's H5 input and textarea (Stencil web components) sometimes never gets its render frame in the
 * second and later tests of a file, and then complains when its value changes: its inner <input> does
 * not exist yet. The page's handlers are unaffected (they listen on the element itself); only that one
 * complaint is silenced, anything else still prints.
 */
export function quietUnrenderedInputs(): void {
  const error = console.error
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const e = args[0] as { message?: string; stack?: string } | undefined
    const unrendered = e?.message === "Cannot read properties of undefined (reading 'value')" && /taro-(input|textarea)-core/.test(e.stack ?? '')
    if (!unrendered) error(...args)
  })
}

export function acceptPrivacy(): void {
  Taro.setStorageSync('privacy-consent', PRIVACY_VERSION)
}

/** Lets the pending cloud answers reach the page, and a frame pass for Taro's H5 web components. */
export const settle = () =>
  act(async () => {
    await new Promise<void>((resolve) => setTimeout(resolve, 0))
    await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
  })

function inputNamed(name: string): Element {
  const el = document.querySelector(`taro-input-core[name="${name}"]`)
  if (!el) throw new Error(`no input named ${name}`)
  return el
}

/** Types into a Taro Input as its H5 element reports it: an `input` event carrying the whole value. */
export function type(name: string, value: string): void {
  act(() => {
    fireEvent(inputNamed(name), new CustomEvent('input', { detail: { value } }))
  })
}

/** Leaves the field (its `blur` event). */
export function leave(name: string): void {
  act(() => {
    fireEvent(inputNamed(name), new CustomEvent('blur', { detail: { value: '' } }))
  })
}

export function valueOf(name: string): string {
  return (inputNamed(name) as unknown as { value?: string }).value ?? inputNamed(name).getAttribute('value') ?? ''
}

/** The message under a field of the contact form, or null. */
export function errorUnder(field: string): string | null {
  return document.querySelector(`.contact-form__field--${field} .contact-form__error`)?.textContent ?? null
}
