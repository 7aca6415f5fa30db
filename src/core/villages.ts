/**
 * 附件3 各村(社区)电话任务分配表: the phone-number quota per village.
 * Order: the paper's two-column table read row by row (云集, 新城, 黄金, 堆子岭 …),
 * i.e. left cell then right cell of each row. Names exactly as printed.
 */
export const VILLAGES = [
  { name: '云集', quota: 350 },
  { name: '新城', quota: 300 },
  { name: '黄金', quota: 350 },
  { name: '堆子岭', quota: 300 },
  { name: '保合', quota: 300 },
  { name: '回龙', quota: 260 },
  { name: '滨河', quota: 350 },
  { name: '阳家坪', quota: 300 },
  { name: '江新', quota: 220 },
  { name: '杨柳', quota: 300 },
  { name: '石塘', quota: 220 },
  { name: '河市', quota: 300 },
  { name: '栗坪', quota: 220 },
  { name: '毛塘', quota: 200 },
  { name: '响鼓岭', quota: 200 },
  { name: '渡口', quota: 200 },
  { name: '古塘', quota: 260 },
  { name: '新塘站', quota: 260 },
  { name: '普贤', quota: 300 },
  { name: '泉梓', quota: 300 },
  { name: '杉峰', quota: 300 },
  { name: '新桥', quota: 300 },
  { name: '东屋', quota: 350 },
] as const

type NamesOf<T extends readonly { readonly name: string }[]> = { readonly [K in keyof T]: T[K]['name'] }

/** The 23 names as a readonly tuple, usable in `z.enum(VILLAGE_NAMES)`. */
export const VILLAGE_NAMES = VILLAGES.map((v) => v.name) as unknown as NamesOf<typeof VILLAGES>

export type VillageName = (typeof VILLAGES)[number]['name']

/** "合计" printed under the table; the tests check the quotas add up to it. */
export const TOTAL_QUOTA = 6440

export function isVillageName(name: string): name is VillageName {
  return (VILLAGE_NAMES as readonly string[]).includes(name)
}

export function quotaOf(name: VillageName): number {
  return VILLAGES.find((v) => v.name === name)?.quota ?? 0
}
