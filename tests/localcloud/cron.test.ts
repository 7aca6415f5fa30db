import { join } from 'path'
import { cronMatches, parseCron } from '../../localcloud/gateway/cron'
import { readTimerTriggers } from '../../localcloud/gateway/timers'

/** A moment given in China time. */
const china = (iso: string) => new Date(`${iso}+08:00`)

describe('7-field cron in China time', () => {
  it('the stats daily snapshot fires at 20:00:00 China time every day, and only then', () => {
    const s = parseCron('0 0 20 * * * *')
    expect(cronMatches(s, china('2023-09-10T20:00:00'))).toBe(true)
    expect(cronMatches(s, china('2023-09-10T20:00:01'))).toBe(false)
    expect(cronMatches(s, new Date('2023-09-10T20:00:00Z'))).toBe(false)
    expect(cronMatches(s, new Date('2023-09-10T12:00:00Z'))).toBe(true)
  })
  it('steps, ranges, lists and weekday names', () => {
    const s = parseCron('*/15 0 9-17/4 1,11,21 9-10 MON-FRI 2023')
    expect(cronMatches(s, china('2023-09-01T09:00:30'))).toBe(true) // a Friday
    expect(cronMatches(s, china('2023-09-01T13:00:45'))).toBe(true)
    expect(cronMatches(s, china('2023-09-01T10:00:00'))).toBe(false)
    expect(cronMatches(s, china('2023-09-21T17:00:00'))).toBe(true) // a Thursday
    expect(cronMatches(s, china('2023-10-01T09:00:00'))).toBe(false) // a Sunday
    expect(cronMatches(s, china('2024-09-02T09:00:00'))).toBe(false)
  })
  it('refuses malformed expressions', () => {
    expect(() => parseCron('0 0 20 * * *')).toThrow('needs 7 fields')
    expect(() => parseCron('0 0 24 * * * *')).toThrow('not valid')
    expect(() => parseCron('0 0 x * * * *')).toThrow('not valid')
  })
})

it('reads the timer triggers of the built functions', () => {
  const triggers = readTimerTriggers(join(__dirname, '..', '..', 'cloudfunctions'))
  expect(triggers.map((t) => [t.functionName, t.triggerName])).toContainEqual(['stats', 'dailySnapshot'])
})
