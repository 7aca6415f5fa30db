import CadreConcernsPage from '../../../src/packages/cadre/concerns/index'
import { dropOutbox } from '../../../src/services/outbox-store'
import { concern } from '../support/concerns'
import { answerModal, cloud, open, sent, serve, tapText, typeInto } from '../admin/support'
import { stubDeviceApis } from '../support/survey-driver'
import { acceptPrivacy, CADRE, quietUnrenderedInputs } from './support'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))

const texts = (selector: string) => Array.from(document.querySelectorAll(selector)).map((e) => e.textContent)

beforeEach(() => {
  dropOutbox()
  stubDeviceApis()
  cloud.mockReset()
  acceptPrivacy()
  quietUnrenderedInputs()
})
afterEach(() => jest.restoreAllMocks())

describe('群众诉求 (a cadre’s queue)', () => {
  it('shows the queue in the function’s order, overdue first and marked so', async () => {
    serve({ 'concerns.list': { town: '云集街道', year: 2023, items: [concern('a', { overdue: true }), concern('b')], total: 2 } }, CADRE)
    await open(<CadreConcernsPage />)
    expect(sent('concerns', 'list')[0]).toEqual({ action: 'list', page: 0, pageSize: 20 })
    expect(texts('.concern-card__text')).toEqual(['诉求a', '诉求b'])
    expect(document.querySelector('.concern-card--overdue .status-chip--overdue')?.textContent).toBe('已超期')
    expect(texts('.concern-queue__total')).toEqual(['共 2 件'])
  })

  it('replies, and the reply shows; a refused word comes back as the function says it', async () => {
    let replied = false
    serve(
      {
        'concerns.list': () => ({
          town: '云集街道',
          year: 2023,
          items: [replied ? concern('a', { status: 'replied', replies: [{ text: '已修好', at: '2023-09-02T02:00:00.000Z', by: '村(社区)干部' }] }) : concern('a')],
          total: 1
        }),
        'concerns.reply': (e: Record<string, unknown>) => {
          if (String(e.text).includes('满意')) return { ok: false, code: 'INVALID_INPUT', message: '答复不能提及“满意”' }
          replied = true
          return { id: 'a', status: 'replied' }
        }
      },
      CADRE
    )
    const modal = answerModal(true)
    await open(<CadreConcernsPage />)
    await typeInto('taro-textarea-core[name="reply-a"]', '修好了，请给满意')
    await tapText('答复')
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '没有答复', content: '答复不能提及“满意”' }))
    await typeInto('taro-textarea-core[name="reply-a"]', '已修好')
    await tapText('答复')
    const [refusedReply, reply] = sent('concerns', 'reply')
    expect(reply).toEqual({ action: 'reply', id: 'a', text: '已修好', replyId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) })
    // Another text is another reply: its own id.
    expect(refusedReply.replyId).not.toBe(reply.replyId)
    expect(texts('.concern-card__reply')[0]).toContain('村(社区)干部答复：已修好')
    expect(document.querySelector('.status-chip--replied')?.textContent).toBe('已答复')
  })

  it('closes a replied one as resolved or not, after a confirmation', async () => {
    serve({ 'concerns.list': { town: '云集街道', year: 2023, items: [concern('a', { status: 'replied' })], total: 1 }, 'concerns.close': { id: 'a', status: 'closed' } }, CADRE)
    answerModal(true)
    await open(<CadreConcernsPage />)
    await tapText('办结：未解决')
    expect(sent('concerns', 'close')).toEqual([{ action: 'close', id: 'a', resolved: false }])
  })

  it('reveals a callback number only on request', async () => {
    serve({ 'concerns.list': { town: '云集街道', year: 2023, items: [concern('a', { callbackMasked: '138****8000' })], total: 1 }, 'concerns.revealCallback': { id: 'a', phone: '13800138000' } }, CADRE)
    await open(<CadreConcernsPage />)
    expect(document.querySelector('.concern-card__callback')?.textContent).toContain('138****8000')
    await tapText('显示号码')
    expect(sent('concerns', 'revealCallback')).toEqual([{ action: 'revealCallback', id: 'a' }])
    expect(document.querySelector('.concern-card__callback')?.textContent).toBe('联系电话：13800138000')
  })
})
