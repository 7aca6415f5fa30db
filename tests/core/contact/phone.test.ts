import fc from 'fast-check'
import { maskPhone, normalizePhone, parsePhone } from '../../../src/core/contact'

describe('normalizePhone', () => {
  test.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['  138.0013.8000 ', '13800138000'],
    ['(138)00138000', '13800138000'],
    ['+86 13800138000', '13800138000'],
    ['+86-138-0013-8000', '13800138000'],
    ['0086 138 0013 8000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['＋８６　１３８－００１３－８０００', '13800138000'],
    ['138—0013—8000', '13800138000'],
    ['0734-8160763', '0734-8160763'],
    ['07348160763', '0734-8160763'],
    ['(0734)8160763', '0734-8160763'],
    ['０７３４－８１６０７６３', '0734-8160763'],
    ['0734 816 0763', '0734-8160763'],
    ['+86 734 8160763', '0734-8160763'],
    ['+86 10 62345678', '010-62345678'],
    ['0086 0734 8160763', '0734-8160763'],
    ['010-62345678', '010-62345678'],
    ['02152345678', '021-52345678'],
    ['0731-88888888', '0731-88888888'],
    ['', ''],
    ['  ', ''],
    ['1380013800', '1380013800'],
    ['0734-0160763', '07340160763'],
    ['138abc', '138abc'],
  ])('%j → %j', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected)
  })

  test('only 13-digit numbers starting 861 lose a bare 86', () => {
    expect(normalizePhone('86138001380')).toBe('86138001380')
    expect(normalizePhone('8673481607630')).toBe('8673481607630')
  })

  test('is idempotent', () => {
    const phoneish = fc.array(fc.constantFrom(...'0123456789０１２３+＋86 -－().'.split('')), { maxLength: 18 })
    fc.assert(
      fc.property(fc.oneof(phoneish.map((cs) => cs.join('')), fc.string()), (s) => {
        const once = normalizePhone(s)
        expect(normalizePhone(once)).toBe(once)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('parsePhone', () => {
  test('a mobile number, whatever the input style', () => {
    expect(parsePhone('+86 138-0013-8000')).toEqual({ ok: true, kind: 'mobile', normalized: '13800138000' })
  })

  test('a landline with area code', () => {
    expect(parsePhone('0734 8160763')).toEqual({ ok: true, kind: 'landline', normalized: '0734-8160763' })
    expect(parsePhone('010-62345678')).toEqual({ ok: true, kind: 'landline', normalized: '010-62345678' })
  })

  test.each(['13012345678', '14512345678', '15012345678', '16212345678', '17012345678', '17512345678', '18012345678', '19012345678', '19512345678', '19912345678'])(
    'allocated prefix %s is accepted',
    (n) => {
      expect(parsePhone(n)).toEqual({ ok: true, kind: 'mobile', normalized: n })
    },
  )

  test.each([
    ['15412345678', '154'],
    ['17412345678', '174'],
    ['14012345678', '140'],
    ['14412345678', '144'],
    ['16012345678', '160'],
    ['16812345678', '168'],
    ['17912345678', '179'],
    ['19412345678', '194'],
    ['12012345678', '120'],
    ['10012345678', '100'],
  ])('unallocated prefix %s is refused', (n, prefix) => {
    expect(parsePhone(n)).toEqual({
      ok: false,
      code: 'UNALLOCATED_PREFIX',
      reason: `手机号码没有${prefix}这个号段，请核对`,
    })
  })

  test.each(['', '   ', '－ －'])('empty %j', (input) => {
    expect(parsePhone(input)).toEqual({ ok: false, code: 'EMPTY', reason: '请填写电话号码' })
  })

  test.each(['1380013800', '138001380001', '+86 1380013800', '1'])('wrong mobile length %j', (input) => {
    expect(parsePhone(input)).toEqual({ ok: false, code: 'WRONG_LENGTH', reason: '电话号码位数不对，手机号码应为11位' })
  })

  test.each(['23456', '234567890', '99'])('wrong length without area code %j', (input) => {
    expect(parsePhone(input)).toEqual({ ok: false, code: 'WRONG_LENGTH', reason: '电话号码位数不对' })
  })

  test.each(['8160763', '81607630'])('local number %j without area code', (input) => {
    expect(parsePhone(input)).toEqual({ ok: false, code: 'MISSING_AREA_CODE', reason: '座机号码请加上区号，如0734-8160763' })
  })

  test.each(['0734-0160763', '010-12345678', '0734-816076', '0734-816076301', '0111-8160763', '0012345678', '0'])('bad landline %j', (input) => {
    expect(parsePhone(input)).toEqual({
      ok: false,
      code: 'BAD_LANDLINE',
      reason: '座机号码不对，应为区号加7到8位号码，如0734-8160763',
    })
  })

  test.each(['138-0013-800O', '13800138000转1', 'abc', '+1 415 555 0100'])('non-digits %j', (input) => {
    expect(parsePhone(input)).toEqual({ ok: false, code: 'INVALID_CHARS', reason: '电话号码只能包含数字' })
  })

  test('parsing its own normalised output gives the same answer', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parsePhone(s)
        if (r.ok) expect(parsePhone(r.normalized)).toEqual(r)
      }),
    )
  })
})

describe('maskPhone', () => {
  test('mobile keeps the first 3 and last 4 digits', () => {
    expect(maskPhone('13800138000')).toBe('138****8000')
  })

  test('landline keeps the area code and the last 4 digits', () => {
    expect(maskPhone('0734-8160763')).toBe('0734-***0763')
    expect(maskPhone('010-62345678')).toBe('010-****5678')
  })

  test('anything else shows at most its last 4 characters', () => {
    expect(maskPhone('1380013800')).toBe('******3800')
    expect(maskPhone('1234')).toBe('****')
    expect(maskPhone('')).toBe('')
  })
})
