import { fireEvent, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { getQuestion, type QuestionId } from '../../../src/core/questionnaire'

/** Taro APIs that need a real router or device, replaced for jsdom; the spies are returned for checks. */
export function stubDeviceApis() {
  localStorage.clear()
  // Typed loosely: each API has its own result type, the pages only wait for success.
  const ok = (name: string) => Promise.resolve({ errMsg: `${name}:ok` }) as never
  return {
    pageScrollTo: jest.spyOn(Taro, 'pageScrollTo').mockImplementation(() => ok('pageScrollTo')),
    redirectTo: jest.spyOn(Taro, 'redirectTo').mockImplementation(() => ok('redirectTo')),
    navigateTo: jest.spyOn(Taro, 'navigateTo').mockImplementation(() => ok('navigateTo')),
    reLaunch: jest.spyOn(Taro, 'reLaunch').mockImplementation(() => ok('reLaunch')),
    makePhoneCall: jest.spyOn(Taro, 'makePhoneCall').mockImplementation(() => ok('makePhoneCall')),
    setClipboardData: jest.spyOn(Taro, 'setClipboardData').mockImplementation(() => ok('setClipboardData')),
    showToast: jest.spyOn(Taro, 'showToast').mockImplementation(() => ok('showToast')),
    // A change that clears answers asks first: confirmed unless a test says otherwise.
    showModal: jest.spyOn(Taro, 'showModal').mockImplementation(() => Promise.resolve({ confirm: true, cancel: false, errMsg: 'showModal:ok' }) as never)
  }
}

/** The question on screen, found by its printed text. */
export function currentQuestion(): QuestionId {
  const text = document.querySelector('.question__text')?.textContent ?? ''
  const id = (['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8', 'Q9', 'Q10', 'Q11', 'Q12', 'Q13', 'Q14'] as const).find(
    (q) => text.endsWith(getQuestion(q).text)
  )
  if (!id) throw new Error(`no question on screen (text: "${text}")`)
  return id
}

/** The option rows of the question on screen. */
export const optionRows = (): HTMLElement[] => Array.from(document.querySelectorAll<HTMLElement>('.option'))

/** Taps the option with this exact label on the question on screen. */
export function tapOption(label: string): void {
  const row = optionRows().find((r) => r.querySelector('.option__label')?.textContent === label)
  if (!row) throw new Error(`no option "${label}" on ${currentQuestion()}`)
  fireEvent.click(row)
}

/** Labels of the options shown as chosen. */
export const chosenLabels = (): string[] =>
  optionRows()
    .filter((r) => r.classList.contains('option--selected'))
    .map((r) => r.querySelector('.option__label')?.textContent ?? '')

export function tap(text: string): void {
  fireEvent.click(screen.getByText(text))
}

/** Answers the question on screen with these labels, then taps "下一题" (or the last question's button). */
export function answer(...labels: string[]): void {
  for (const l of labels) tapOption(l)
  const nav = document.querySelector('.survey-nav') as HTMLElement
  fireEvent.click(within(nav).getByText(/下一题|答完了|全部问完/))
}

export function typeOther(text: string): void {
  const input = document.querySelector('.question__other-input')
  if (!input) throw new Error('no "其他" text box on screen')
  fireEvent(input, new CustomEvent('input', { detail: { value: text } }))
}
