import { createHmac } from 'crypto'

/** A stable pseudonym for a person: the same OPENID gives the same key, the key gives back nothing. */
export function keyedHash(secret: string, ...parts: string[]): string {
  return createHmac('sha256', secret).update(parts.join('\u0000')).digest('hex').slice(0, 32)
}
