import { render, screen } from '@testing-library/react'
import { HOTLINES, QUESTIONS } from '../../src/core'
import ThanksPage from '../../src/pages/thanks/index'
import { stubDeviceApis } from './support/survey-driver'

beforeEach(() => stubDeviceApis())
afterEach(() => jest.restoreAllMocks())

it('thanks, repeats the hotlines and explains every question, with no score anywhere', () => {
  const { container } = render(<ThanksPage />)
  expect(screen.getByText('谢谢您的参与！')).toBeTruthy()
  for (const h of HOTLINES) expect(screen.getByText(h.number)).toBeTruthy()
  for (const q of QUESTIONS) expect(screen.getByText(q.about)).toBeTruthy()
  expect(container.textContent).not.toMatch(/得分|分数：|正确答案|标准答案|答对|答错/)
})
