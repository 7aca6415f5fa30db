/** Where the cadre pages live (the `packages/cadre` subpackage of app.config.ts). */
export const CADRE_PAGES = {
  hub: '/packages/cadre/home/index',
  register: '/packages/cadre/register/index',
  contacts: '/packages/cadre/contacts/index',
  import: '/packages/cadre/import/index',
  export: '/packages/cadre/export/index',
  interview: '/packages/cadre/interview/index',
  visits: '/packages/cadre/visits/index',
  visit: '/packages/cadre/visit/index',
  concerns: '/packages/cadre/concerns/index',
  tasks: '/packages/cadre/tasks/index'
} as const

/** The visit screen for one household; its ticks so far come along, so the screen starts from them. */
export function visitUrl(h: { id: string; name: string; letter: boolean; card: boolean; explained: boolean }): string {
  const q = [`contactId=${encodeURIComponent(h.id)}`, `name=${encodeURIComponent(h.name)}`]
  for (const k of ['letter', 'card', 'explained'] as const) if (h[k]) q.push(`${k}=1`)
  return `${CADRE_PAGES.visit}?${q.join('&')}`
}

/** The interview screen for a mock call placed to one household from the list (its outcome is kept on it). */
export function interviewUrl(h: { id: string; name: string }): string {
  return `${CADRE_PAGES.interview}?contact=${encodeURIComponent(h.id)}&name=${encodeURIComponent(h.name)}`
}
