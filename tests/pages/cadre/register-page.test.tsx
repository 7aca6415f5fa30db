import { fireEvent, render, screen } from '@testing-library/react'
import { dropOutbox } from '../../../src/services/outbox-store'
import Taro from '@tarojs/taro'
import { CONSENT_REQUIRED } from '../../../src/core/contract'
import { callCloud } from '../../../src/services/cloud'
import RegisterPage from '../../../src/packages/cadre/register/index'
import { stubDeviceApis } from '../support/survey-driver'
import { acceptPrivacy, CADRE, quietUnrenderedInputs, errorUnder, leave, ok, refused, serveCloud, settle, type, valueOf } from './support'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))
const cloud = callCloud as jest.MockedFunction<typeof callCloud>

let device: ReturnType<typeof stubDeviceApis>
beforeEach(() => {
  dropOutbox()
  device = stubDeviceApis()
  cloud.mockReset()
  acceptPrivacy()
  quietUnrenderedInputs()
})
afterEach(() => jest.restoreAllMocks())

async function open() {
  render(<RegisterPage />)
  await settle()
}

const registrations = (calls: ReturnType<typeof serveCloud>) => calls.filter((c) => c.name === 'contacts').map((c) => c.event)
const consentBox = () => document.querySelector('.consent-box__row') as HTMLElement
const phoneShown = () => document.querySelector('.contact-form__phone')?.textContent ?? null
const submit = async () => {
  fireEvent.click(screen.getByText('登记'))
  await settle()
}

describe('as the cadre types', () => {
  beforeEach(() => serveCloud(cloud, { 'user.whoami': () => ok(CADRE) }))

  it('包户责任人 starts as the cadre’s own name; the village is theirs and cannot be changed', async () => {
    await open()
    expect(valueOf('responsible')).toBe('王芳')
    expect(document.querySelector('.register__village')?.textContent).toBe('村(社区)：新塘站')
    expect(document.querySelector('taro-input-core[name="village"]')).toBeNull()
  })

  it('a name left empty says so once the field is left, and each keystroke after that re-checks it', async () => {
    await open()
    expect(errorUnder('name')).toBeNull()
    leave('name')
    expect(errorUnder('name')).toBe('请填写姓名')
    type('name', '李四')
    expect(errorUnder('name')).toBeNull()
    type('name', '李'.repeat(21))
    expect(errorUnder('name')).toBe('姓名不能超过20个字')
  })

  it('a wrong phone number is explained in the core’s words', async () => {
    await open()
    type('phone', '1380013800')
    leave('phone')
    expect(errorUnder('phone')).toBe('电话号码位数不对，手机号码应为11位')
    type('phone', '15400138000')
    expect(errorUnder('phone')).toBe('手机号码没有154这个号段，请核对')
    type('phone', '8160763')
    expect(errorUnder('phone')).toBe('座机号码请加上区号，如0734-8160763')
    type('phone', '138-abc')
    expect(errorUnder('phone')).toBe('电话号码只能包含数字')
    type('phone', '')
    expect(errorUnder('phone')).toBe('请填写电话号码')
  })

  it('a valid number shows how it will be stored, whatever the way it was typed', async () => {
    await open()
    type('phone', '138001')
    expect(phoneShown()).toBeNull()
    type('phone', '+86 138 0013 8000')
    expect(phoneShown()).toBe('将登记为：13800138000（手机）')
    type('phone', '１３８－００１３－８０００')
    expect(phoneShown()).toBe('将登记为：13800138000（手机）')
    type('phone', '(0734)8160763')
    expect(phoneShown()).toBe('将登记为：0734-8160763（座机）')
  })

  it('optional fields have limits too', async () => {
    await open()
    type('address', '组'.repeat(101))
    leave('address')
    expect(errorUnder('address')).toBe('常住地址不能超过100个字')
    type('address', '')
    expect(errorUnder('address')).toBeNull()
  })
})

describe('submitting', () => {
  it('without the resident’s consent nothing is sent', async () => {
    const calls = serveCloud(cloud, { 'user.whoami': () => ok(CADRE) })
    await open()
    type('name', '李四')
    type('phone', '13800138000')
    await submit()
    expect(screen.getByText(CONSENT_REQUIRED)).toBeTruthy()
    expect(registrations(calls)).toEqual([])
    fireEvent.click(consentBox())
    expect(screen.queryByText(CONSENT_REQUIRED)).toBeNull()
  })

  it('with fields missing, every field says what is wrong and nothing is sent', async () => {
    const calls = serveCloud(cloud, { 'user.whoami': () => ok(CADRE) })
    await open()
    fireEvent.click(consentBox())
    type('responsible', '')
    await submit()
    expect(errorUnder('responsible')).toBe('请填写包户责任人')
    expect(errorUnder('name')).toBe('请填写姓名')
    expect(errorUnder('phone')).toBe('请填写电话号码')
    expect(errorUnder('occupation')).toBeNull()
    expect(registrations(calls)).toEqual([])
  })

  it('registers the household as typed, then clears the form for the next one and keeps 包户责任人', async () => {
    const calls = serveCloud(cloud, {
      'user.whoami': () => ok(CADRE),
      'contacts.register': () => ok({ id: 'a'.repeat(32), village: '新塘站', phoneMasked: '138****8000', stored: true })
    })
    await open()
    type('responsible', '王芳 ')
    type('name', '李四')
    type('phone', '+86 138 0013 8000')
    type('occupation', '务农')
    type('address', '新塘站村三组')
    fireEvent.click(consentBox())
    expect(consentBox().getAttribute('aria-checked')).toBe('true')
    await submit()

    expect(registrations(calls)).toEqual([
      { action: 'register', name: '李四', phone: '+86 138 0013 8000', occupation: '务农', address: '新塘站村三组', note: '', responsible: '王芳 ', consent: true, registrationId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) }
    ])
    expect(device.showToast).toHaveBeenCalledWith({ title: '已登记', icon: 'success' })
    expect(screen.getByText('上一户已登记：李四 138****8000')).toBeTruthy()
    for (const f of ['name', 'phone', 'occupation', 'address', 'note']) expect(valueOf(f)).toBe('')
    expect(valueOf('responsible')).toBe('王芳 ')
    expect(consentBox().getAttribute('aria-checked')).toBe('false')
    expect(errorUnder('name')).toBeNull()
  })

  it('a number already registered: the server’s answer naming the village is shown, and nothing typed is lost', async () => {
    serveCloud(cloud, {
      'user.whoami': () => ok(CADRE),
      'contacts.register': () => refused('CONFLICT', '该号码已在云集登记')
    })
    await open()
    type('name', '李四')
    type('phone', '138 0013 8000')
    fireEvent.click(consentBox())
    await submit()
    expect(screen.getByText('该号码已在云集登记')).toBeTruthy()
    expect(device.showToast).not.toHaveBeenCalled()
    expect(valueOf('name')).toBe('李四')
    expect(valueOf('phone')).toBe('138 0013 8000')
  })

  it('the server’s field messages land under their fields', async () => {
    serveCloud(cloud, {
      'user.whoami': () => ok(CADRE),
      'contacts.register': () => ({ ok: false, code: 'INVALID_INPUT', message: '姓名不能超过20个字(name)', issues: [{ path: ['name'], message: '姓名不能超过20个字' }] })
    })
    await open()
    type('name', '李四')
    type('phone', '13800138000')
    fireEvent.click(consentBox())
    await submit()
    expect(errorUnder('name')).toBe('姓名不能超过20个字')
    expect(screen.getByText('请按红字提示修改后再提交')).toBeTruthy()
    type('name', '李四四')
    expect(errorUnder('name')).toBeNull()
  })
})

describe('who may use it', () => {
  it('a resident is told it is for cadres, with the way to the invite code', async () => {
    const calls = serveCloud(cloud, { 'user.whoami': () => ok({ openid: 'o-res', role: 'resident' }) })
    await open()
    expect(screen.getByText('仅限村(社区)干部使用')).toBeTruthy()
    expect(document.querySelector('taro-input-core')).toBeNull()
    fireEvent.click(screen.getByText('输入邀请码'))
    expect(device.redirectTo).toHaveBeenCalledWith({ url: '/packages/cadre/home/index' })
    expect(calls.map((c) => `${c.name}.${c.event.action}`)).toEqual(['user.whoami'])
  })

  it('the privacy guide comes before anything can be typed', async () => {
    Taro.removeStorageSync('privacy-consent')
    serveCloud(cloud, { 'user.whoami': () => ok(CADRE) })
    await open()
    expect(screen.getByText('平安民调 用户隐私保护指引')).toBeTruthy()
    expect(document.querySelector('taro-input-core[name="phone"]')).toBeNull()
    fireEvent.click(screen.getByText('同意并继续'))
    await settle()
    expect(valueOf('responsible')).toBe('王芳')
  })
})
