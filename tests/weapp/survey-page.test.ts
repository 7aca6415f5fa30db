/**
 * The BUILT mini-program (dist/, `npm run build:weapp`) in miniprogram-simulate: WeChat's own template
 * compiler renders Taro's base.wxml, and taps go through Taro's weapp event path to the React page.
 */
import { existsSync } from 'fs'
import { join } from 'path'
import { PRIVACY_VERSION } from '../../src/components/privacy-notice/guide'
import { installMiniProgram, simulate, type SimulatedNode, type SimulatedPage } from './support/mini-program'

const DIST = join(__dirname, '..', '..', 'dist')

let page: SimulatedPage
let surveyPage: string
let storage: Map<string, unknown>
beforeAll(() => {
  if (!existsSync(join(DIST, 'app.json'))) throw new Error('dist/ is missing: run `npm run build:weapp` (npm test does it first)')
  ;({ storage } = installMiniProgram(DIST))
  // Loaded once: the page's webpack chunk registers its Page only the first time it runs.
  surveyPage = simulate.load(join(DIST, 'pages/survey/index'), 'survey-page', { rootPath: DIST })
})

beforeEach(async () => {
  storage.clear()
  storage.set('privacy-consent', PRIVACY_VERSION)
  page = simulate.render(surveyPage)
  page.attach(document.createElement('parent-wrapper'))
  await until(() => text() !== '', 'the page to render')
})
afterEach(() => page?.detach())

const text = () => page.dom!.textContent ?? ''
/** Nodes of the page by class as written in the source (j-component prefixes them in the DOM). */
const nodes = (cls: string) => page.querySelectorAll(`.${cls}`)
const reading = (cls: string, wanted: string) => {
  const found = nodes(cls).find((n) => n.dom!.textContent?.trim() === wanted)
  if (!found) throw new Error(`no .${cls} reading "${wanted}" in: ${text().slice(0, 300)}`)
  return found
}
/** Polls: React renders and Taro's setData reach the page asynchronously, later on a busy machine. */
async function until(done: () => boolean, what: string, ms = 5000) {
  for (const end = Date.now() + ms; !done(); await simulate.sleep(10)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; page reads: ${text().slice(0, 300)}`)
  }
}
/** A tap as WeChat delivers it; every tap in these tests changes what the page says. */
async function tap(node: SimulatedNode) {
  const before = text()
  node.dispatchEvent('tap')
  await until(() => text() !== before, `a change after tapping "${node.dom?.textContent}"`)
}

it('renders Q1 with its options in the paper order', () => {
  expect(text()).toContain('在目前的社会治安环境下')
  const labels = nodes('option__label').map((n) => n.dom!.textContent)
  expect(labels).toEqual(['安全', '比较安全', '不太安全', '不安全'])
})

it('answering Q1 安全 and tapping next shows Q3, never Q2', async () => {
  await tap(reading('option', '(1)安全'))
  expect(nodes('option--selected').map((n) => n.dom!.textContent)).toEqual(['✓(1)安全已选'])
  await tap(reading('btn', '下一题'))
  expect(text()).toContain('夜间在居住地附近单独出行')
  expect(text()).not.toContain('存在哪些社会治安问题')
  expect(text()).toContain('第3题（共14题，已跳过1题）')
})

it('refuses next until Q1 is answered; 不太安全 then asks Q2, and the draft is on the device', async () => {
  await tap(reading('btn', '下一题'))
  expect(text()).toContain('第1题还没有作答')
  await tap(reading('option', '(3)不太安全'))
  await tap(reading('btn', '下一题'))
  expect(text()).toContain('存在哪些社会治安问题')
  expect(text()).toContain('多选题：可以选多项')
  expect(storage.get('survey-draft:practice')).toMatchObject({ answers: { Q1: [3] }, current: 'Q2' })
})
