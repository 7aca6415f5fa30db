/**
 * Work to do each time the app comes to the front, registered by the code that needs it. The cadre
 * outbox registers itself when a cadre page first starts it, so its code (and the contracts it sends
 * with) stays in the cadre subpackage instead of every resident's main package.
 */
type Listener = () => void

const listeners = new Set<Listener>()

export function onAppShow(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Called by the app on every show. */
export function appShown(): void {
  for (const listener of [...listeners]) listener()
}
