/**
 * An admin's reply (the queue's direct path, no outbox): tapping 答复 again after no answer sends the
 * same replyId, so the function adds the reply once; a new text is a new reply.
 */
import AdminConcernsPage from '../../../src/packages/admin/concerns/index'
import { concern } from '../support/concerns'
import { quietUnrenderedInputs } from '../cadre/support'
import { answerModal, cloud, open, sent, serve, tapText, TOWN_ADMIN, typeInto } from './support'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))

beforeEach(() => {
  localStorage.clear()
  cloud.mockReset()
  quietUnrenderedInputs()
})
afterEach(() => jest.restoreAllMocks())

it('a reply that got no answer, sent again, carries the same replyId; the next reply its own', async () => {
  let answer: unknown = { ok: false, code: 'TIMEOUT', message: '网络不好,没有提交成功,内容已保留,请稍后重试' }
  serve({ 'concerns.list': { town: '茶市镇', year: 2023, items: [concern('a', { town: '茶市镇' })], total: 1 }, 'concerns.reply': () => answer }, TOWN_ADMIN)
  const modal = answerModal(true)
  await open(<AdminConcernsPage />)
  await typeInto('taro-textarea-core[name="reply-a"]', '已安排维修')
  await tapText('答复')
  expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: '网络不好,没有提交成功,内容已保留,请稍后重试' }))
  answer = { id: 'a', status: 'replied', stored: true }
  await tapText('答复')
  await typeInto('taro-textarea-core[name="reply-a"]', '本周五修好')
  await tapText('答复')
  const [first, again, next] = sent('concerns', 'reply')
  expect(first.replyId).toMatch(/^[A-Za-z0-9_-]{22}$/)
  expect(again).toEqual(first)
  expect(next.replyId).not.toBe(first.replyId)
})
