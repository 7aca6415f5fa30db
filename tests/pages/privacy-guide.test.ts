import { readFileSync } from 'fs'
import { join } from 'path'
import { PRIVACY_GUIDE } from '../../src/components/privacy-notice/guide'

// The console text and the in-app text must say the same thing: a resident accepts what WeChat shows.
const markdown = readFileSync(join(__dirname, '..', '..', 'privacy', 'privacy-guide.md'), 'utf8')
const body = markdown.slice(markdown.indexOf('## 正文'))
const blocks = body
  .split(/\n\s*\n/)
  .map((b) => b.trim())
  .filter((b) => b && !b.startsWith('## '))

it('privacy/privacy-guide.md carries exactly the text the app shows, in the same order', () => {
  const inApp = [
    `### ${PRIVACY_GUIDE.title}`,
    PRIVACY_GUIDE.intro,
    ...PRIVACY_GUIDE.sections.flatMap((s) => [`#### ${s.heading}`, ...s.paragraphs])
  ]
  expect(blocks).toEqual(inApp)
})

it('names what PIPL art. 17 asks for: who, what, why, how long, rights, contact', () => {
  const headings = PRIVACY_GUIDE.sections.map((s) => s.heading)
  for (const topic of ['收集哪些信息', '为什么收集', '保存多久', '谁能看到', '您的权利', '联系我们']) {
    expect(headings.some((h) => h.includes(topic))).toBe(true)
  }
})
