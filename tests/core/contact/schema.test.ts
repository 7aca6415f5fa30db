import { contactSchema } from '../../../src/core/contact'

const valid = {
  village: '新塘站',
  responsible: '张*',
  name: '李四',
  phone: '138 0013 8000',
  occupation: '务农',
  address: '衡南县XXX镇XXX村XXX组',
}

const problems = (input: unknown): string[] => {
  const r = contactSchema.safeParse(input)
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

describe('附件2 contact row', () => {
  test('a filled row is accepted, trimmed, the phone normalised, blank optional fields dropped', () => {
    expect(contactSchema.parse({ ...valid, name: ' 李四 ', note: '  ' })).toEqual({
      village: '新塘站',
      responsible: '张*',
      name: '李四',
      phone: '13800138000',
      occupation: '务农',
      address: '衡南县XXX镇XXX村XXX组',
      note: undefined,
    })
  })

  test('occupation, address and note are optional', () => {
    const { occupation: _o, address: _a, ...minimal } = valid
    expect(contactSchema.parse({ ...minimal, phone: '０７３４－８１６０７６３' })).toEqual({
      village: '新塘站',
      responsible: '张*',
      name: '李四',
      phone: '0734-8160763',
    })
  })

  test('an empty object lists every required field in Chinese', () => {
    expect(problems({})).toEqual([
      'village: 请选择村(社区)',
      'responsible: 请填写包户责任人',
      'name: 请填写姓名',
      'phone: 请填写电话号码',
    ])
  })

  test('blank strings are missing values too', () => {
    expect(problems({ ...valid, village: '', responsible: ' ', name: '　', phone: ' ' })).toEqual([
      'village: 请选择村(社区)',
      'responsible: 请填写包户责任人',
      'name: 请填写姓名',
      'phone: 请填写电话号码',
    ])
  })

  test('the village is a unit name: which units exist is the town’s table, checked by the server', () => {
    expect(problems({ ...valid, village: '另一镇的新城' })).toEqual([])
    expect(problems({ ...valid, village: '云集/新城' })).toEqual(['village: 村(社区)名称不能含有“/”'])
    expect(problems({ ...valid, village: '村'.repeat(21) })).toEqual(['village: 村(社区)名称不能超过20个字'])
    expect(problems({ ...valid, village: 7 })).toEqual(['village: 请选择村(社区)'])
  })

  test('name and responsible: at most 20 characters; a rare character counts once', () => {
    expect(problems({ ...valid, name: '李'.repeat(20), responsible: '𠮷'.repeat(20) })).toEqual([])
    expect(problems({ ...valid, name: '李'.repeat(21), responsible: '王'.repeat(21) })).toEqual([
      'responsible: 包户责任人不能超过20个字',
      'name: 姓名不能超过20个字',
    ])
  })

  test('occupation at most 30, address and note at most 100 characters', () => {
    expect(problems({ ...valid, occupation: '职'.repeat(30), address: '址'.repeat(100), note: '注'.repeat(100) })).toEqual([])
    expect(problems({ ...valid, occupation: '职'.repeat(31), address: '址'.repeat(101), note: '注'.repeat(101) })).toEqual([
      'occupation: 职业(职务)不能超过30个字',
      'address: 常住地址不能超过100个字',
      'note: 备注不能超过100个字',
    ])
  })

  test.each([
    ['1380013800', '电话号码位数不对，手机号码应为11位'],
    ['15400138000', '手机号码没有154这个号段，请核对'],
    ['0734-016076', '座机号码不对，应为区号加7到8位号码，如0734-8160763'],
    ['8160763', '座机号码请加上区号，如0734-8160763'],
    ['138-0013-800O', '电话号码只能包含数字'],
  ])('phone %j is refused: %s', (phone, message) => {
    expect(problems({ ...valid, phone })).toEqual([`phone: ${message}`])
  })

  test('non-string values get a Chinese message', () => {
    expect(problems({ ...valid, name: null, phone: 13800138000, occupation: 5 })).toEqual([
      'name: 请填写姓名',
      'phone: 电话号码应为文字',
      'occupation: 职业(职务)应为文字',
    ])
  })
})
