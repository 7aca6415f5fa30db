/** The one rule for typed text: invisible format characters are stripped, deceptive ones refused. */
import { contactSchema } from '../../src/core/contact'
import { personNameSchema } from '../../src/core/contract'
import { hasRefusedCharacter, refusedCharacterMessage, stripInvisible } from '../../src/core/text'

const base = { village: '云集', responsible: '张三', name: '李四', phone: '13800138000' }
const issuesOf = (input: object) => {
  const parsed = contactSchema.safeParse(input)
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
}

describe('invisible characters', () => {
  it('zero-width spaces, joiners, BOM and soft hyphens are stripped, so 李\u200b四 is 李四', () => {
    expect(stripInvisible('李\u200b四\u200c\u200d\u2060\ufeff\u00ad')).toBe('李四')
    expect(contactSchema.parse({ ...base, name: '\ufeff李\u200b四' }).name).toBe('李四')
  })

  it('a name made only of zero-width characters, Hangul fillers or a braille blank is an empty name', () => {
    for (const blank of ['\u200b\u200b', '\u3164', '\u115f\u1160', '\uffa0', '\u2800', '\u034f', '\u{e0041}\u{e007f}', '\ufe0f']) {
      expect(issuesOf({ ...base, name: blank })).toEqual([{ path: 'name', message: '请填写姓名' }])
    }
  })

  const refused: [string, string][] = [
    ['NUL', 'a\u0000b'],
    ['a right-to-left override', '李\u202e四'],
    ['a left-to-right isolate', '李\u2066四'],
    ['a right-to-left mark', '李\u200f四'],
    ['a lone high surrogate', '李\ud83d四'],
    ['a lone low surrogate', '李\ude00四'],
    ['a C1 control', '李\u0085四'],
    ['a line separator', '李\u2028四'],
    ['a bell', '李\u0007四']
  ]

  it.each(refused)('%s is refused in every text field, naming the field', (_what, text) => {
    for (const [field, label] of [
      ['name', '姓名'],
      ['responsible', '包户责任人'],
      ['occupation', '职业(职务)'],
      ['address', '常住地址'],
      ['note', '备注']
    ]) {
      expect(issuesOf({ ...base, [field]: text })).toEqual([{ path: field, message: refusedCharacterMessage(label) }])
    }
    expect(personNameSchema.safeParse(text).error?.issues[0]?.message).toBe(refusedCharacterMessage('姓名'))
  })

  it('a real emoji (a valid surrogate pair) and rare characters are kept', () => {
    expect(hasRefusedCharacter('李😀四𠀀')).toBe(false)
    expect(contactSchema.parse({ ...base, name: '𠀀娜' }).name).toBe('𠀀娜')
  })

  it('a 备注 may have line breaks; a name may not', () => {
    expect(contactSchema.parse({ ...base, note: '第一行\n第二行' }).note).toBe('第一行\n第二行')
    expect(issuesOf({ ...base, name: '李\n四' })).toEqual([{ path: 'name', message: refusedCharacterMessage('姓名') }])
  })
})
