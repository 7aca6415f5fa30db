import { phonePad } from '../../../src/packages/cadre/shared/phone-pad'

const env = process.env.TARO_ENV
afterEach(() => {
  process.env.TARO_ENV = env
})

it('WeChat opens its digit pad for a phone field', () => {
  process.env.TARO_ENV = 'weapp'
  expect(phonePad()).toEqual({ type: 'number' })
})

it('H5 asks for the numeric keypad on a text field, so "+86" and dashes pasted from a chat still go in', () => {
  process.env.TARO_ENV = 'h5'
  expect(phonePad()).toEqual({ type: 'text', nativeProps: { inputMode: 'numeric', autoComplete: 'tel' } })
})
