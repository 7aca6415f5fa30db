/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 *
 * (The local cloud runs in this file: node's builds of its packages, not the browser's.)
 *
 * The BUILT cadre pages (dist/, `npm run build:weapp`) in miniprogram-simulate, talking to a real
 * local cloud: wx.cloud.callFunction is answered by the cloud's own functions as the cadre, so what
 * the pages show and what they store are the real thing. The network is the one WeChat reports
 * (wx.getNetworkType / wx.onNetworkStatusChange), switched off and on by the test.
 */
import { existsSync } from 'fs'
import { join } from 'path'
import { PRIVACY_VERSION } from '../../src/components/privacy-notice/guide'
import { makeCadre } from '../fixtures/contact-sheets'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { installMiniProgram, simulate, type SimulatedNode, type SimulatedPage } from './support/mini-program'

const DIST = join(__dirname, '..', '..', 'dist')
const CADRE = 'weapp-cadre-xincheng'
const PAGES = ['home', 'register', 'contacts', 'visit', 'interview', 'visits', 'concerns'] as const
type CadrePage = (typeof PAGES)[number]

const g = globalThis as unknown as { wx: Record<string, unknown> }
let cloud: TestCloud
let storage: Map<string, unknown>
let setQuery: (query: Record<string, string>) => void
const loaded = {} as Record<CadrePage, string>
const dialled: string[] = []
const navigations: string[] = []
let backs = 0
let networkListener: ((res: { isConnected: boolean; networkType: string }) => void) | null = null
/** What WeChat says of the network when asked. */
let networkType = 'wifi'

beforeAll(async () => {
  if (!existsSync(join(DIST, 'app.json'))) throw new Error('dist/ is missing: run `npm run build:weapp` (npm test does it first)')
  cloud = await startTestCloud()
  await makeCadre(cloud, CADRE, '新城', '王芳')
  // What WeChat gives a page and the simulator lacks: the cloud, the network, the dialler, navigation.
  Object.assign(g.wx, {
    cloud: {
      init: () => undefined,
      callFunction: async (o: { name: string; data: object }) => {
        if (networkType === 'none') throw { errMsg: 'cloud.callFunction:fail request:fail' }
        return { result: await cloud.call(o.name, o.data, CADRE) }
      }
    },
    getNetworkType: (o: { success?: (r: object) => void }) => o?.success?.({ networkType, errMsg: 'getNetworkType:ok' }),
    onNetworkStatusChange: (cb: typeof networkListener) => {
      networkListener = cb
    },
    makePhoneCall: (o: { phoneNumber: string; success?: (r: object) => void }) => {
      dialled.push(o.phoneNumber)
      o.success?.({ errMsg: 'makePhoneCall:ok' })
    },
    navigateTo: (o: { url: string; success?: (r: object) => void }) => {
      navigations.push(o.url)
      o.success?.({ errMsg: 'navigateTo:ok' })
    },
    navigateBack: (o: { success?: (r: object) => void }) => {
      backs++
      o?.success?.({ errMsg: 'navigateBack:ok' })
    },
    showToast: (o: { success?: (r: object) => void }) => o?.success?.({ errMsg: 'showToast:ok' }),
    showModal: (o: { success?: (r: object) => void }) => o?.success?.({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
  })
  ;({ storage, setQuery } = installMiniProgram(DIST))
  // Loaded once each: a page's webpack chunk registers its Page only the first time it runs.
  for (const p of PAGES) loaded[p] = simulate.load(join(DIST, `packages/cadre/${p}/index`), `cadre-${p}`, { rootPath: DIST })
}, 60_000)
afterAll(async () => {
  await cloud?.close()
})

let page: SimulatedPage | null = null
beforeEach(() => {
  storage.set('privacy-consent', PRIVACY_VERSION)
  setQuery({})
})
afterEach(() => {
  // Whatever a test did to the network, the next starts online.
  if (networkType === 'none') network(true)
  page?.detach()
  page = null
})

const text = () => page?.dom?.textContent ?? ''
const nodes = (cls: string) => page!.querySelectorAll(`.${cls}`)
async function until(done: () => boolean, what: string, ms = 15_000) {
  for (const end = Date.now() + ms; !done(); await simulate.sleep(20)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; page reads: ${text().slice(0, 400)}`)
  }
}
async function open(p: CadrePage, query: Record<string, string> = {}, ready = '') {
  setQuery(query)
  page = simulate.render(loaded[p])
  page.attach(document.createElement('parent-wrapper'))
  await until(() => text() !== '' && !text().includes('正在确认身份') && text().includes(ready), `the ${p} page to render${ready ? ` "${ready}"` : ''}`)
}
function reading(cls: string, wanted: string): SimulatedNode {
  const found = nodes(cls).find((n) => n.dom!.textContent?.trim() === wanted)
  if (!found) throw new Error(`no .${cls} reading "${wanted}" in: ${text().slice(0, 400)}`)
  return found
}
const tap = (node: SimulatedNode) => node.dispatchEvent('tap')
/** The form's fields in 附件2's order (the simulator does not reflect a built-in input's properties). */
const FIELDS = ['responsible', 'name', 'phone', 'occupation', 'address', 'note']
/** Types as WeChat reports it: an `input` event carrying the whole value. */
function typeInto(name: string, value: string) {
  const input = page!.querySelectorAll('.contact-form__input')[FIELDS.indexOf(name)]
  if (!input) throw new Error(`no input ${name}`)
  input.dispatchEvent('input', { detail: { value } })
}
const network = (on: boolean) => {
  networkType = on ? 'wifi' : 'none'
  networkListener?.({ isConnected: on, networkType })
}

it('the cadre home greets the cadre with the village’s progress and every task', async () => {
  await open('home', {}, '您好')
  expect(text()).toContain('王芳，您好！您是新城的干部。')
  await until(() => text().includes('已登记'), 'the village figures')
  for (const task of ['登记住户电话', '本村登记名单', '入户走访', '群众诉求', '模拟民调']) expect(text()).toContain(task)
})

it('register stores a household in the cloud', async () => {
  await open('register', {}, '登记')
  expect(page!.querySelectorAll('.contact-form__input')).toHaveLength(FIELDS.length)
  typeInto('name', '李四')
  typeInto('phone', '13800138000')
  tap(nodes('consent-box__row')[0])
  await simulate.sleep(50)
  tap(reading('btn', '登记'))
  await until(() => text().includes('上一户已登记：李四 138****8000'), 'the confirmation')
  expect(cloud.count('contacts', { owner: CADRE, name: '李四' })).toBe(1)
})

it('register without signal keeps the household on the phone (待上传) and sends it when WeChat reports the network back', async () => {
  await open('register', {}, '登记')
  network(false)
  typeInto('name', '王五')
  typeInto('phone', '13900139000')
  tap(nodes('consent-box__row')[0])
  await simulate.sleep(50)
  tap(reading('btn', '登记'))
  await until(() => text().includes('待上传 1 条'), '待上传 1 条')
  expect(text()).toContain('上一户已存在手机上（待上传）：王五 139****9000')
  expect(cloud.count('contacts', { name: '王五' })).toBe(0)
  expect(storage.get('outbox:v1')).toEqual([expect.objectContaining({ kind: 'register', label: '王五 139****9000' })])
  network(true)
  await until(() => !text().includes('待上传 1 条'), 'the upload')
  expect(cloud.count('contacts', { owner: CADRE, name: '王五' })).toBe(1)
  expect(storage.has('outbox:v1')).toBe(false)
})

it('contacts lists the households masked; 拨打并记录模拟民调 dials the full number and opens the interview for it', async () => {
  await open('contacts', {}, '李四')
  expect(text()).toContain('138****8000')
  expect(text()).not.toContain('13800138000')
  expect(text()).toContain('还没有打过模拟民调电话')
  const before = cloud.count('audit_log', { action: 'contacts.reveal', actor: CADRE })
  // Every household here is the cadre's own: one 拨打 button per card, in the cards' order.
  const index = nodes('contact-card').findIndex((n) => n.dom!.textContent?.includes('李四'))
  expect(nodes('contact-card__mock-call')).toHaveLength(nodes('contact-card').length)
  tap(nodes('contact-card__mock-call')[index])
  await until(() => navigations.some((u) => u.includes('interview')), 'the interview to open')
  expect(dialled).toEqual(['13800138000'])
  expect(cloud.count('audit_log', { action: 'contacts.reveal', actor: CADRE })).toBe(before + 1)
  const id = cloud.service.db.find('contacts', { filter: { name: '李四' } })[0]._id as string
  expect(navigations.at(-1)).toBe(`/packages/cadre/interview/index?contact=${id}&name=${encodeURIComponent('李四')}`)
})

it('interview, opened for a household, records the outcome on it', async () => {
  const id = cloud.service.db.find('contacts', { filter: { name: '李四' } })[0]._id as string
  await open('interview', { contact: id, name: encodeURIComponent('李四') }, '记录这通电话')
  expect(text()).toContain('打给：李四（结果会显示在登记名单上）')
  tap(reading('btn', '拒访'))
  await until(() => text().includes('已记录：拒访'), 'the recorded outcome')
  expect(cloud.service.db.get('contacts', id)).toMatchObject({ lastCall: { outcome: 'refused', by: CADRE } })
})

it('visits lists the households by status, and the visit screen records one', async () => {
  await open('visits', {}, '李四')
  expect(text()).toContain('未走访')
  page!.detach()
  const id = cloud.service.db.find('contacts', { filter: { name: '李四' } })[0]._id as string
  await open('visit', { contactId: id, name: encodeURIComponent('李四') }, '走访李四')
  tap(reading('visit__tick', '已发放公开信'))
  await simulate.sleep(50)
  const before = backs
  tap(reading('btn', '保存走访'))
  await until(() => backs > before, 'going back after saving')
  expect(cloud.count('visits', { contactId: id, by: CADRE, letter: true })).toBe(1)
})

it('concerns shows the village’s queue', async () => {
  await cloud.call('concerns', { action: 'submit', submissionId: 'weapp-concern-1', category: '民生实事', text: '村口路灯坏了', village: '新城' }, 'weapp-resident')
  await open('concerns', {}, '村口路灯坏了')
  expect(text()).toContain('新城群众诉求')
})
