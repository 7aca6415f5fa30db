/** The 大字 switch enlarges every type size by this much (17px body text → 21px). */
export const LARGE_TYPE = 1.25

/**
 * The type scale (--ts) a resident page applies: 大字 × the phone's own font setting × a narrow-screen
 * correction. Pure, so the rule is tested without a phone.
 *
 * - H5: the browser's font setting already scales the root (index.html writes the root size as a
 *   percentage), so only 大字 counts here.
 * - WeChat: sizes are rpx (a share of the screen width), which ignore the user's font setting, so the
 *   setting (`fontSizeSetting`, px; 17 is WeChat's 标准) enlarges them, never shrinks, at most 1.6×; and on
 *   a screen narrower than 375px rpx would shrink the text below 16px, which the factor undoes (as H5's
 *   root does: 20px at any width up to 375).
 */
export function typeScale({ large, platform, fontSizeSetting, windowWidth }: { large: boolean; platform: 'h5' | 'weapp'; fontSizeSetting?: number; windowWidth?: number }): number {
  let scale = large ? LARGE_TYPE : 1
  if (platform === 'weapp') {
    if (fontSizeSetting && fontSizeSetting > 17) scale *= Math.min(fontSizeSetting / 17, 1.6)
    if (windowWidth && windowWidth < 375) scale *= 375 / windowWidth
  }
  return Math.round(scale * 1000) / 1000
}
