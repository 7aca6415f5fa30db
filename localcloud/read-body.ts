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
