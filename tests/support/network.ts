/**
 * A weak network between the H5 app and the local cloud's gateway, made from the test with
 * Playwright's routing: the shipped app and the gateway are unchanged and know nothing of it.
 */
import type { Page, Route } from 'playwright-core'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export interface Hold {
  /** Calls of the function seen so far (held or not). */
  readonly seen: number
  /** Resolves once every held answer was delivered (or found its request gone). */
  done: Promise<void>
}

/**
 * The first `count` calls of `fn` reach the cloud at once (it does the work), but their answers
 * reach the phone only after `answerAfterMs`: a slow network that loses the answer, not the request.
 * Later calls pass untouched.
 */
export async function holdApi(page: Page, fn: string, options: { answerAfterMs: number; count?: number }): Promise<Hold> {
  const count = options.count ?? 1
  let seen = 0
  const held: Promise<void>[] = []
  await page.route(`**/api/${fn}`, async (route: Route) => {
    if (seen++ >= count) return route.continue()
    const delivery = (async () => {
      const response = await route.fetch()
      await sleep(options.answerAfterMs)
      // The phone may have given up and dropped the request meanwhile: nothing to deliver to.
      await route.fulfill({ response }).catch(() => undefined)
    })()
    held.push(delivery)
    await delivery
  })
  return {
    get seen() {
      return seen
    },
    get done() {
      return Promise.all(held).then(() => undefined)
    }
  }
}

/** Every function call fails as on a dead mobile network (the page itself still loads); `lift` restores it. */
export async function blockApi(page: Page): Promise<{ lift(): Promise<void> }> {
  const handler = (route: Route) => route.abort('internetdisconnected')
  await page.route('**/api/**', handler)
  return { lift: () => page.unroute('**/api/**', handler) }
}
