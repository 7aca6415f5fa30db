import { z } from 'zod'
import { TOTAL_QUOTA, VILLAGES, VILLAGE_NAMES, isVillageName, quotaOf } from '../../src/core/villages'
import { section } from './support/source'

describe('附件3 villages and quotas', () => {
  test('23 villages, names exactly as printed, read row by row', () => {
    expect([...VILLAGE_NAMES]).toEqual([
      '云集', '新城', '黄金', '堆子岭', '保合', '回龙', '滨河', '阳家坪', '江新', '杨柳', '石塘', '河市',
      '栗坪', '毛塘', '响鼓岭', '渡口', '古塘', '新塘站', '普贤', '泉梓', '杉峰', '新桥', '东屋',
    ])
    expect(new Set(VILLAGE_NAMES).size).toBe(23)
  })

  test('the quotas add up to the printed total 6440', () => {
    expect(TOTAL_QUOTA).toBe(6440)
    expect(VILLAGES.reduce((sum, v) => sum + v.quota, 0)).toBe(TOTAL_QUOTA)
  })

  test('each name and quota is a cell pair of the printed table, in row-by-row order', () => {
    const cells = section('附件3:', '附件4:')
      .filter((l) => /^\S+ \| \d+ \|/.test(l) && !l.startsWith('合计'))
      .flatMap((l) => {
        const c = l.split('|').map((s) => s.trim())
        const pairs: [string, number][] = [[c[0], Number(c[1])]]
        if (c[2] && c[3]) pairs.push([c[2], Number(c[3])])
        return pairs
      })
    expect(VILLAGES.map((v) => [v.name, v.quota])).toEqual(cells)
  })

  test('a few quotas by name', () => {
    expect(quotaOf('云集')).toBe(350)
    expect(quotaOf('新塘站')).toBe(260)
    expect(quotaOf('响鼓岭')).toBe(200)
    expect(quotaOf('江新')).toBe(220)
  })

  test('VILLAGE_NAMES works in z.enum', () => {
    const schema = z.enum(VILLAGE_NAMES)
    expect(schema.parse('东屋')).toBe('东屋')
    expect(schema.safeParse('云集街道').success).toBe(false)
  })

  test('isVillageName', () => {
    expect(isVillageName('杉峰')).toBe(true)
    expect(isVillageName('衫峰')).toBe(false)
  })
})
