/** Reading a 附件3-style quota table: the paper's own table reads back as the 23 villages. */
import { readUnitsTable, type TableRow } from '../../src/core/units-table'
import { VILLAGES } from '../../src/core/villages'
import { section } from './support/source'

const table = (...rows: unknown[][]): TableRow[] => rows.map((cells, i) => ({ row: i + 1, cells }))

describe('a 附件3-style table', () => {
  it('the printed 附件3 (two pairs a row, header, 合计) gives the 23 villages and quotas, in order', () => {
    const rows = section('附件3:', '附件4:')
      .filter((l) => l.includes('|'))
      .map((l, i) => ({ row: i + 1, cells: l.split('|').map((s) => s.trim()).filter((s, j, all) => j < all.length - 1 || s !== '') }))
    const read = readUnitsTable(rows)
    expect(read.skipped).toEqual([])
    expect(read.units).toEqual(VILLAGES.map((v) => ({ name: v.name, quota: v.quota })))
  })

  it('bad rows are reported by row and the good ones kept: quota 0, text, empty, a duplicate name', () => {
    const read = readUnitsTable(table(['村(社区)', '任务数'], ['东村', 120], ['西村', 0], ['南村', '很多'], ['北村', ''], ['东村', 90], ['中村', '２００'], ['', 30]))
    expect(read.units).toEqual([
      { name: '东村', quota: 120 },
      { name: '中村', quota: 200 }
    ])
    expect(read.skipped).toEqual([
      { row: 3, reason: '西村:任务数应大于0' },
      { row: 4, reason: '南村:任务数应为数字' },
      { row: 5, reason: '北村:请填写任务数' },
      { row: 6, reason: '东村与第2行重名' },
      { row: 8, reason: '请填写村(社区)名称' }
    ])
  })

  it('a 合计 that does not match the rows is reported', () => {
    expect(readUnitsTable(table(['甲村', 100], ['乙村', 50], ['合计', 160])).skipped).toEqual([{ row: 3, reason: '合计160与各行任务数之和150不一致' }])
    expect(readUnitsTable(table(['甲村', 100], ['乙村', 50], ['合计', 150])).skipped).toEqual([])
  })

  it('a fractional or negative quota, and a name with a bidi override, are refused', () => {
    const read = readUnitsTable(table(['甲村', 1.5], ['乙村', -3], ['丙\u202e村', 10]))
    expect(read.units).toEqual([])
    expect(read.skipped.map((s) => s.reason)).toEqual(['甲村:任务数应为整数', '乙村:任务数应大于0', '村(社区)名称含有无法显示的特殊字符,请删除后重新输入'])
  })
})
