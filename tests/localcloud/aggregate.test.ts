/** Aggregation stages through the SDK; SQL pushdown and the mingo path must agree. */
import { LocalCloud, startLocalCloud } from './helpers'

let lc: LocalCloud

const answers = [
  { _id: 'a1', district: 'east', score: 80, tags: ['x', 'y'], user: 'u1', at: new Date('2024-01-01T00:00:00Z') },
  { _id: 'a2', district: 'east', score: 90, tags: ['y'], user: 'u2', at: new Date('2024-01-02T00:00:00Z') },
  { _id: 'a3', district: 'west', score: 70, tags: [], user: 'u1', at: new Date('2024-01-03T00:00:00Z') },
  { _id: 'a4', district: 'west', score: 60, tags: ['x'], user: 'u3', at: new Date('2024-01-04T00:00:00Z') },
  { _id: 'a5', district: 'north', score: 100, tags: ['z'], user: 'u2', at: new Date('2024-01-05T00:00:00Z') },
  { _id: 'a6', score: 50, tags: ['x'], user: 'u9', at: new Date('2024-01-06T00:00:00Z') }
]

beforeAll(async () => {
  lc = await startLocalCloud()
  lc.server.db.insert('answers', answers)
  lc.server.db.insert('users', [
    { _id: 'u1', name: 'Ann' },
    { _id: 'u2', name: 'Bob' },
    { _id: 'u3', name: 'Cid' }
  ])
})
afterAll(() => lc.close())

const agg = (): any => lc.db.collection('answers').aggregate()

test('group with every accumulator, then sort', async () => {
  const $ = lc.db.command.aggregate
  const { list } = await agg()
    .sort({ at: 1 })
    .group({
      _id: '$district',
      n: $.sum(1),
      total: $.sum('$score'),
      avg: $.avg('$score'),
      min: $.min('$score'),
      max: $.max('$score'),
      first: $.first('$_id'),
      last: $.last('$_id'),
      users: $.push('$user'),
      userSet: $.addToSet('$user')
    })
    .sort({ n: -1, _id: 1 })
    .end()
  expect(list).toEqual([
    { _id: 'east', n: 2, total: 170, avg: 85, min: 80, max: 90, first: 'a1', last: 'a2', users: ['u1', 'u2'], userSet: expect.arrayContaining(['u1', 'u2']) },
    { _id: 'west', n: 2, total: 130, avg: 65, min: 60, max: 70, first: 'a3', last: 'a4', users: ['u1', 'u3'], userSet: expect.arrayContaining(['u1', 'u3']) },
    { _id: null, n: 1, total: 50, avg: 50, min: 50, max: 50, first: 'a6', last: 'a6', users: ['u9'], userSet: ['u9'] },
    { _id: 'north', n: 1, total: 100, avg: 100, min: 100, max: 100, first: 'a5', last: 'a5', users: ['u2'], userSet: ['u2'] }
  ])
})

test('match + group pushed to SQL gives the same as the JS path', async () => {
  const _ = lc.db.command
  const $ = _.aggregate
  const pushed = await agg().match({ score: _.gte(60) }).group({ _id: '$district', n: $.sum(1), s: $.sum('$score'), a: $.avg('$score') }).sort({ _id: 1 }).end()
  // $addFields first forces the mingo path.
  const js = await agg().addFields({ k: 1 }).match({ score: _.gte(60) }).group({ _id: '$district', n: $.sum(1), s: $.sum('$score'), a: $.avg('$score') }).sort({ _id: 1 }).end()
  expect(pushed.list).toEqual(js.list)
  expect(pushed.list).toEqual([
    { _id: 'east', n: 2, s: 170, a: 85 },
    { _id: 'north', n: 1, s: 100, a: 100 },
    { _id: 'west', n: 2, s: 130, a: 65 }
  ])
  const compound = await agg().group({ _id: { d: '$district', u: '$user' }, n: $.sum(1) }).sort({ n: -1, '_id.d': 1, '_id.u': 1 }).limit(3).end()
  expect(compound.list).toEqual([
    { _id: { u: 'u9' }, n: 1 }, // a missing field is left out of a compound key, as in MongoDB
    { _id: { d: 'east', u: 'u1' }, n: 1 },
    { _id: { d: 'east', u: 'u2' }, n: 1 }
  ])
})

test('project, addFields, skip, limit, count', async () => {
  const _ = lc.db.command
  const $ = _.aggregate
  const { list } = await agg()
    .match({ district: 'east' })
    .project({ _id: 0, user: 1, double: $.multiply(['$score', 2]) })
    .addFields({ flag: true })
    .sort({ double: -1 })
    .skip(1)
    .limit(1)
    .end()
  expect(list).toEqual([{ user: 'u1', double: 160, flag: true }])
  expect((await agg().match({ score: _.gt(65) }).count('n').end()).list).toEqual([{ n: 4 }])
  expect((await agg().match({ score: _.gt(1000) }).count('n').end()).list).toEqual([]) // no row on empty input
})

test('unwind and lookup', async () => {
  const $ = lc.db.command.aggregate
  const tagCounts = await agg().unwind('$tags').group({ _id: '$tags', n: $.sum(1) }).sort({ _id: 1 }).end()
  expect(tagCounts.list).toEqual([
    { _id: 'x', n: 3 },
    { _id: 'y', n: 2 },
    { _id: 'z', n: 1 }
  ])
  const joined = await agg()
    .match({ district: 'east' })
    .lookup({ from: 'users', localField: 'user', foreignField: '_id', as: 'who' })
    .project({ _id: 1, who: 1 })
    .sort({ _id: 1 })
    .end()
  expect(joined.list).toEqual([
    { _id: 'a1', who: [{ _id: 'u1', name: 'Ann' }] },
    { _id: 'a2', who: [{ _id: 'u2', name: 'Bob' }] }
  ])
  const orphan = await agg().match({ _id: 'a6' }).lookup({ from: 'users', localField: 'user', foreignField: '_id', as: 'who' }).end()
  expect(orphan.list[0].who).toEqual([])
})

test('dates group and sort in aggregation', async () => {
  const $ = lc.db.command.aggregate
  const { list } = await agg().group({ _id: null, first: $.min('$at'), last: $.max('$at') }).end()
  expect(list[0].first).toEqual(new Date('2024-01-01T00:00:00Z'))
  expect(list[0].last).toEqual(new Date('2024-01-06T00:00:00Z'))
})

test('$week (Sunday-based, week 0 before the first Sunday), $indexOfCP (code points), $substrBytes (UTF-8 bytes)', async () => {
  lc.server.db.insert('strs', [
    { _id: 'w1', at: new Date('2023-01-01T00:00:00Z'), s: '安全感和满意度' }, // a Sunday: week 1
    { _id: 'w2', at: new Date('2024-01-01T00:00:00Z'), s: 'a😀b安c' }, // a Monday: week 0
    { _id: 'w3', at: new Date('2024-12-30T12:00:00Z'), s: 'cafeteria' }, // ISO week 1 of 2025, but $week 52
    { _id: 'w4', at: new Date('2021-12-31T23:30:00Z'), s: '' }
  ])
  const { list } = await lc.db
    .collection('strs')
    .aggregate()
    .sort({ _id: 1 })
    .project({
      week: { $week: '$at' },
      weekCn: { $week: { date: '$at', timezone: '+08:00' } },
      an: { $indexOfCP: ['$s', '安'] },
      e: { $indexOfCP: ['$s', 'e', 4] },
      none: { $indexOfCP: ['$s', 'zz'] }
    })
    .end()
  expect(list).toEqual([
    { _id: 'w1', week: 1, weekCn: 1, an: 0, e: -1, none: -1 },
    { _id: 'w2', week: 0, weekCn: 0, an: 3, e: -1, none: -1 },
    { _id: 'w3', week: 52, weekCn: 52, an: -1, e: 5, none: -1 },
    { _id: 'w4', week: 52, weekCn: 0, an: -1, e: -1, none: -1 }
  ])
  const bytes = async (id: string, project: object): Promise<unknown> =>
    (await lc.db.collection('strs').aggregate().match({ _id: id }).project({ _id: 0, ...project }).end()).list[0]
  expect(await bytes('w1', { head: { $substrBytes: ['$s', 0, 3] }, b: { $substrBytes: ['$s', 3, 3] }, rest: { $substrBytes: ['$s', 6, -1] }, past: { $substrBytes: ['$s', 99, 1] } })).toEqual({
    head: '安',
    b: '全',
    rest: '感和满意度',
    past: ''
  })
  expect(await bytes('w2', { emoji: { $substrBytes: ['$s', 1, 4] }, rest: { $substrBytes: ['$s', 5, -1] } })).toEqual({ emoji: '😀', rest: 'b安c' })
  const split = await lc.db.collection('strs').aggregate().match({ _id: 'w1' }).project({ x: { $substrBytes: ['$s', 1, 2] } }).end().catch((e: { errMsg?: string; message?: string }) => e)
  expect(String(split.errMsg ?? split.message)).toMatch(/UTF-8/)
})

test('geo stages are refused with a clear error', async () => {
  const err = await lc.db
    .collection('answers')
    .aggregate()
    .geoNear({ distanceField: 'd', near: new lc.db.Geo.Point(113.3, 23.1), spherical: true })
    .end()
    .catch((e: { errMsg?: string; message?: string }) => e)
  expect(String(err.errMsg ?? err.message)).toMatch(/\$geoNear.*not supported by the local database/)
})
