import type { IncomingMessage } from 'http'

export class BodyTooLarge extends Error {}

/**
 * Reads a request body, refusing one over the limit. Past the limit the rest is read and dropped rather
 * than the socket destroyed, so the caller's refusal (413) still reaches the client.
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = []
    let size = 0
    let refused = false
    req.on('data', (chunk: Buffer) => {
      if (refused) return
      size += chunk.length
      if (size > limitBytes) {
        refused = true
        chunks = []
        reject(new BodyTooLarge(`body over ${limitBytes} bytes`))
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks))
    })
    req.on('error', reject)
  })
}

export class NestedTooDeep extends Error {}

/**
 * JSON.parse, after a cheap scan that refuses nesting deeper than `maxDepth` (brackets inside strings
 * do not count). A deeply nested value parses fine but overflows the stack of whatever walks it next:
 * the structured clone that hands an event to a worker, zod, JSON.stringify.
 */
export function parseJsonLimited(text: string, maxDepth: number): unknown {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) throw new NestedTooDeep(`nested deeper than ${maxDepth}`)
    } else if (c === 0x5d || c === 0x7d) depth--
  }
  return JSON.parse(text)
}
