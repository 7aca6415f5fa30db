import Taro from '@tarojs/taro'

/**
 * Brings the element with this id into view, moving the page only as far as needed (nothing when it is
 * on screen already). H5 keeps earlier pages in the DOM, hidden: the visible one is taken.
 */
export function revealById(id: string, where: 'nearest' | 'start' = 'nearest'): void {
  if (process.env.TARO_ENV === 'h5') {
    if (typeof document === 'undefined') return
    const all = Array.from(document.querySelectorAll<HTMLElement>(`[id="${id}"]`))
    const el = all.find((e) => e.offsetParent !== null) ?? all[0]
    el?.scrollIntoView?.({ block: where, inline: 'nearest' })
    return
  }
  // WeChat scrolls the page itself, once the view has the element: to it, less a little room above.
  Taro.nextTick(() => {
    Taro.pageScrollTo({ selector: `#${id}`, offsetTop: -96, duration: 200 }).catch(() => undefined)
  })
}
