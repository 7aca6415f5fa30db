import { readdirSync, readFileSync, statSync } from 'fs'
import { join } from 'path'

/**
 * services/cloud carries only the contracts of the functions residents call (the main package stays
 * small); cadre, inspector and admin code must take callCloud from services/cloud-staff, which adds the
 * rest. A page that imports services/cloud directly fails at run time with an unknown function, so
 * this checks the sources instead of waiting for a click in Chromium.
 */
const ROOT = join(__dirname, '..', '..', 'src', 'packages')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(ts|tsx)$/.test(name) ? [path] : []
  })
}

test('no cadre, inspector or admin source imports the resident client', () => {
  const offenders = sources(ROOT).filter((file) => /from '(\.\.\/)+services\/cloud'/.test(readFileSync(file, 'utf8')))
  expect(offenders.map((f) => f.slice(ROOT.length + 1))).toEqual([])
})
