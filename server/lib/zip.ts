/**
 * Just enough of the zip format to read an .xlsx held in memory entry by entry: the central directory
 * says where each entry's bytes lie and how large it claims to be inflated; an entry is inflated as it
 * is read, and never past that claim (a header that lies is an error, not a larger allocation).
 */
import { Readable, Transform } from 'stream'
import { createInflateRaw } from 'zlib'

export interface ZipEntry {
  name: string
  /** Compression method: 0 stored, 8 deflated. */
  method: number
  /** Where its compressed data begins, and its length. */
  dataStart: number
  compressedSize: number
  /** Its inflated size as the central directory declares it; `entryContent` never yields more. */
  size: number
}

export interface ZipDirectory {
  entries: ZipEntry[]
  /** The sum of the entries' declared inflated sizes. */
  totalSize: number
}

/** An entry inflated to more bytes than its header declared: a corrupt file or a bomb. */
export class ZipSizeError extends Error {}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

/** The entries of a zip held in memory, or undefined when it is no zip this reader understands (zip64 included). */
export function zipDirectory(bytes: Buffer): ZipDirectory | undefined {
  const from = Math.max(0, bytes.length - 22 - 0xffff)
  let eocd = -1
  for (let i = bytes.length - 22; i >= from; i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return undefined
  const count = bytes.readUInt16LE(eocd + 10)
  const cdOffset = bytes.readUInt32LE(eocd + 16)
  if (cdOffset >= bytes.length || count === 0xffff || cdOffset === 0xffffffff) return undefined
  const entries: ZipEntry[] = []
  let totalSize = 0
  let p = cdOffset
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== CENTRAL) return undefined
    const method = bytes.readUInt16LE(p + 10)
    const compressedSize = bytes.readUInt32LE(p + 20)
    const size = bytes.readUInt32LE(p + 24)
    const nameLength = bytes.readUInt16LE(p + 28)
    const extraLength = bytes.readUInt16LE(p + 30)
    const commentLength = bytes.readUInt16LE(p + 32)
    const start = bytes.readUInt32LE(p + 42)
    const name = bytes.toString('utf8', p + 46, p + 46 + nameLength)
    p += 46 + nameLength + extraLength + commentLength
    if (compressedSize === 0xffffffff || size === 0xffffffff || start + 30 > bytes.length || bytes.readUInt32LE(start) !== LOCAL) return undefined
    if (method !== 0 && method !== 8) return undefined
    const dataStart = start + 30 + bytes.readUInt16LE(start + 26) + bytes.readUInt16LE(start + 28)
    if (dataStart + compressedSize > bytes.length) return undefined
    entries.push({ name, method, dataStart, compressedSize, size })
    totalSize += size
  }
  return { entries, totalSize }
}

/**
 * An entry's bytes, inflated as they are read (never the whole entry in memory), counted inside the
 * stream: one byte past the declared size and the stream fails with ZipSizeError.
 */
export function entryContent(bytes: Buffer, entry: ZipEntry): Readable {
  const source = Readable.from([bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize)])
  let seen = 0
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length
      if (seen > entry.size) return done(new ZipSizeError(`${entry.name}: more than the ${entry.size} bytes declared`))
      done(null, chunk)
    }
  })
  const destroyAll = (error?: Error) => {
    source.destroy()
    inflate?.destroy()
    if (error && !counted.destroyed) counted.destroy(error)
  }
  const inflate = entry.method === 8 ? createInflateRaw() : undefined
  if (inflate) {
    inflate.on('error', (error) => destroyAll(error))
    source.pipe(inflate).pipe(counted)
  } else source.pipe(counted)
  counted.on('close', () => destroyAll())
  return counted
}
