/** Every collection the functions use has its console security rule in database-rules/: nobody reads or writes from a client. */
import { readdirSync, readFileSync } from 'fs'
import { join } from 'path'
import { COLLECTIONS } from '../../server/lib/collections'

const RULES = join(__dirname, '..', '..', 'database-rules')

test('each collection has a rule file, and the rule is {"read": false, "write": false}', () => {
  const files = readdirSync(RULES).filter((f) => f.endsWith('.json'))
  for (const collection of Object.values(COLLECTIONS)) {
    expect(files).toContain(`${collection}.json`)
    expect(JSON.parse(readFileSync(join(RULES, `${collection}.json`), 'utf8'))).toEqual({ read: false, write: false })
  }
})

test('no rule file names a collection that does not exist', () => {
  const known = new Set<string>(Object.values(COLLECTIONS))
  for (const file of readdirSync(RULES).filter((f) => f.endsWith('.json'))) expect(known.has(file.replace(/\.json$/, ''))).toBe(true)
})
