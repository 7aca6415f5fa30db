import { join } from 'path'

/** The little of miniprogram-simulate (j-component) the tests use. Its own typings are not imported:
 * they bring WeChat's global `require` type, which breaks node's `require.main` for the whole project. */
export interface SimulatedNode {
  dom: HTMLElement | undefined
  dispatchEvent(eventName: string, options?: object): void
  querySelectorAll(selector: string): SimulatedNode[]
}
export interface SimulatedPage extends SimulatedNode {
  attach(parent: Element): void
  detach(): void
}
export interface Simulate {
  load(componentPath: string, tagName: string, options: { rootPath: string }): string
  render(id: string): SimulatedPage
  sleep(ms: number): Promise<void>
}

// eslint-disable-next-line @typescript-eslint/no-var-requires
export const simulate: Simulate = require('miniprogram-simulate')

type Options = Record<string, unknown> & { data?: object }
const g = globalThis as unknown as Record<string, unknown>

/**
 * What WeChat provides around a page and miniprogram-simulate does not: App/getApp/getCurrentPages,
 * Page (made a Component whose `attached` runs the page's onLoad/onShow), and storage (returned,
 * so a test can set it up). Then runs the
 * built app.js, which loads Taro's runtime and registers the React app.
 */
export function installMiniProgram(dist: string): { storage: Map<string, unknown>; setQuery(query: Record<string, string>): void } {
  let app: Options | null = null
  // The query the next page opens with (its onLoad options), as a navigateTo URL would give it.
  let query: Record<string, string> = {}
  const pages: object[] = []
  const stored = new Map<string, unknown>()
  const wx = g.wx as Record<string, unknown>
  Object.assign(wx, {
    getStorageSync: (key: string) => (stored.has(key) ? stored.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void stored.set(key, value),
    removeStorageSync: (key: string) => void stored.delete(key),
    pageScrollTo: (o: { success?: (r: object) => void; complete?: () => void }) => {
      o?.success?.({ errMsg: 'pageScrollTo:ok' })
      o?.complete?.()
    }
  })
  g.App = (options: Options) => {
    app = options
  }
  g.getApp = () => app
  g.getCurrentPages = () => pages
  g.Page = (options: Options) => {
    const methods: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(options)) if (typeof v === 'function') methods[k] = v
    ;(g.Component as (o: object) => void)({
      data: options.data ?? {},
      methods,
      lifetimes: {
        attached(this: Record<string, (...a: unknown[]) => void> & object) {
          pages.push(this)
          this.onLoad?.({ ...query })
          this.onShow?.()
        },
        ready(this: Record<string, () => void>) {
          this.onReady?.()
        },
        detached(this: Record<string, () => void> & object) {
          this.onUnload?.()
          pages.splice(pages.indexOf(this), 1)
        }
      }
    })
  }
  require(join(dist, 'app.js'))
  const launched = app as Options | null
  if (!launched) throw new Error('app.js did not call App()')
  ;(launched.onLaunch as (o: object) => void)?.call(launched, { path: 'pages/survey/index', query: {} })
  ;(launched.onShow as (o: object) => void)?.call(launched, { path: 'pages/survey/index', query: {} })
  return {
    storage: stored,
    setQuery: (q) => {
      query = q
    }
  }
}
