import { act, screen } from '@testing-library/react'
import { failure } from '../../../src/core/contract'
import { DEFAULT_TOWN, seedContent } from '../../../src/core/towns'
import ContentPage from '../../../src/packages/admin/content/index'
import { stubDeviceApis } from '../support/survey-driver'
import { TOWN_ADMIN, cloud, open, pick, sent, serve, settle, tapText, typeInto } from './support'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))

const CHASHI = {
  town: '茶市镇',
  letter: { title: '平安茶市', body: '各位乡亲:\n\n请接听民调电话。', sender: '茶市镇人民政府', date: '2026年9月1日' },
  slogans: ['平安茶市，人人参与'],
  updatedAt: null
}
const contentOf = (e: Record<string, unknown>) => ((e.town ?? DEFAULT_TOWN) === '茶市镇' ? CHASHI : { town: DEFAULT_TOWN, ...seedContent(), updatedAt: '2026-09-01T02:00:00.000Z' })

beforeEach(() => {
  stubDeviceApis()
  cloud.mockReset()
})
afterEach(() => jest.restoreAllMocks())

const preview = () => document.querySelector('.content__preview') as HTMLElement
const typeArea = (field: string, value: string) => typeInto(`.content__input--${field}`, value)

it('a town admin edits their own town: the form holds its letter, the preview is the residents\' letter, saving sends it', async () => {
  serve({ 'towns.content': contentOf, 'towns.saveContent': { town: '茶市镇' } }, TOWN_ADMIN)
  await open(<ContentPage />)
  expect(sent('towns', 'content')).toEqual([{ action: 'content', town: '茶市镇' }])
  // A town admin's pages are fixed to their town: no town picker.
  expect(document.querySelector('.town-select')).toBeNull()
  expect(document.querySelector('.admin__scope-town')?.textContent).toBe('茶市镇')
  expect(preview().querySelector('.open-letter__title')?.textContent).toBe('平安茶市')

  await typeArea('title', '平安茶市 共建共享')
  await typeArea('body', '各位乡亲:\n\n第一段。\n\n第二段。')
  await typeArea('sender', '中共茶市镇委员会\n茶市镇人民政府')
  await typeArea('slogans', '平安茶市\n\n  人人参与  \n')
  // Live: the preview is the open-letter component residents see.
  expect(preview().querySelector('.open-letter__title')?.textContent).toBe('平安茶市 共建共享')
  expect(Array.from(preview().querySelectorAll('.open-letter__paragraph')).map((p) => p.textContent)).toEqual(['第一段。', '第二段。'])
  expect(Array.from(preview().querySelectorAll('.open-letter__sender')).map((p) => p.textContent)).toEqual(['中共茶市镇委员会', '茶市镇人民政府'])
  expect(Array.from(preview().querySelectorAll('.slogan-list__item')).map((p) => p.textContent)).toEqual(['平安茶市', '人人参与'])

  await tapText('保存')
  expect(sent('towns', 'saveContent')).toEqual([
    {
      action: 'saveContent',
      town: '茶市镇',
      letter: { title: '平安茶市 共建共享', body: '各位乡亲:\n\n第一段。\n\n第二段。', sender: '中共茶市镇委员会\n茶市镇人民政府', date: '2026年9月1日' },
      slogans: ['平安茶市', '人人参与']
    }
  ])
  expect(screen.getByText('已保存，居民打开首页即可看到新的内容。')).toBeTruthy()
})

it('a problem is shown under its field and by the save button, and nothing is sent', async () => {
  serve({ 'towns.content': contentOf, 'towns.saveContent': { town: '茶市镇' } }, TOWN_ADMIN)
  await open(<ContentPage />)
  await typeArea('body', '   ')
  await typeArea('slogans', 'x'.repeat(41))
  await tapText('保存')
  expect(sent('towns', 'saveContent')).toHaveLength(0)
  expect(document.querySelector('.content__field--body .content__problem')?.textContent).toBe('请填写公开信正文')
  expect(document.querySelector('.content__field--slogans .content__problem')?.textContent).toBe('第1条：每条标语不能超过40个字')
  expect(document.querySelector('.content__save')?.previousElementSibling?.textContent).toBe('正文：请填写公开信正文')
})

it('a refusal from the function is shown by the button and on the field it names', async () => {
  serve(
    {
      'towns.content': contentOf,
      'towns.saveContent': failure('INVALID_INPUT', '落款不能超过100个字(letter.sender)', [{ path: ['letter', 'sender'], message: '落款不能超过100个字' }])
    },
    TOWN_ADMIN
  )
  await open(<ContentPage />)
  await tapText('保存')
  expect(screen.getByText('落款不能超过100个字(letter.sender)')).toBeTruthy()
  expect(document.querySelector('.content__field--sender .content__problem')?.textContent).toBe('落款不能超过100个字')
})

it('a county admin starts on the default town and picks another; the other town\'s text never stays in the form', async () => {
  serve({ 'towns.content': contentOf })
  await open(<ContentPage />)
  expect(sent('towns', 'content')).toEqual([{ action: 'content', town: DEFAULT_TOWN }])
  expect(screen.getByText(`${DEFAULT_TOWN}的公开信和标语`)).toBeTruthy()
  await pick(0, 1) // 茶市镇
  await settle()
  expect(sent('towns', 'content').at(-1)).toEqual({ action: 'content', town: '茶市镇' })
  expect(screen.getByText('茶市镇的公开信和标语')).toBeTruthy()
  expect((document.querySelector('.content__input--title') as HTMLElement & { value?: string }).value).toBe('平安茶市')
  await act(async () => undefined)
})
