import { existsSync, readdirSync, readFileSync } from 'fs'
import { join } from 'path'
import { cronMatches, parseCron, type CronSchedule } from './cron'
import type { FunctionRunner } from './function-runner'

interface TimerTrigger {
  functionName: string
  triggerName: string
  schedule: CronSchedule
}

/** The timer triggers declared in each built function's config.json, as WeChat reads them. */
export function readTimerTriggers(functionsDir: string): TimerTrigger[] {
  if (!existsSync(functionsDir)) return []
  const triggers: TimerTrigger[] = []
  for (const name of readdirSync(functionsDir)) {
    const file = join(functionsDir, name, 'config.json')
    if (!existsSync(file)) continue
    const config = JSON.parse(readFileSync(file, 'utf8')) as { triggers?: { name: string; type: string; config: string }[] }
    for (const t of config.triggers ?? []) {
      if (t.type === 'timer') triggers.push({ functionName: name, triggerName: t.name, schedule: parseCron(t.config) })
    }
  }
  return triggers
}

/** Fires timer triggers locally, as the cloud would: no user, SOURCE `wx_trigger`, a timer event. */
export function startTimers(functionsDir: string, runner: FunctionRunner): () => void {
  const triggers = readTimerTriggers(functionsDir)
  if (!triggers.length) return () => {}
  let last = Math.floor(Date.now() / 1000)
  const tick = setInterval(() => {
    const now = Math.floor(Date.now() / 1000)
    // Every second since the last tick, so a late tick never skips a trigger.
    for (let second = last + 1; second <= now; second++) {
      const at = new Date(second * 1000)
      for (const t of triggers) {
        if (!cronMatches(t.schedule, at)) continue
        const event = { Type: 'Timer', TriggerName: t.triggerName, Time: at.toISOString() }
        runner
          .invoke({ name: t.functionName, event, openid: '', source: 'wx_trigger' })
          .then((result) => console.log(`[timer] ${t.functionName}.${t.triggerName}:`, JSON.stringify(result).slice(0, 200)))
          .catch((error) => console.error(`[timer] ${t.functionName}.${t.triggerName} failed:`, error))
      }
    }
    last = now
  }, 1000)
  tick.unref()
  return () => clearInterval(tick)
}
