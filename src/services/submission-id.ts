/** 64 URL-safe characters: 22 of them carry 132 bits, far beyond any collision risk. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
export const SUBMISSION_ID_LENGTH = 22

function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n)
  const c = typeof crypto !== 'undefined' ? crypto : undefined
  if (c && typeof c.getRandomValues === 'function') return c.getRandomValues(bytes)
  // WeChat's JS engine has no synchronous crypto; the id only needs to be unique, not secret.
  const seed = Date.now()
  for (let i = 0; i < n; i++) bytes[i] = (Math.random() * 256 + (seed >> (i % 32))) & 255
  return bytes
}

/**
 * A fresh id for one questionnaire draft. Made once per draft and sent with every attempt, so a
 * retry or a double tap stores one response (the server treats a known id as already stored).
 */
export function newSubmissionId(): string {
  return Array.from(randomBytes(SUBMISSION_ID_LENGTH), (b) => ALPHABET[b & 63]).join('')
}
