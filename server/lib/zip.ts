/**
 * Just enough of the zip format to hand an .xlsx to exceljs's streaming reader in the order it needs,
 * without inflating anything: the central directory says where each entry's bytes lie, and entries
 * are copied as they are (compressed) in a new order.
 */
import { Readable } from 'stream'
import { createInflateRaw } from 'zlib'

export interface ZipEntry {
  name: string
  /** Compression method: 0 stored, 8 deflated. */
  method: number
  /** Where the entry's local header begins and where its data (and data descriptor) ends. */
  start: number
  end: number
  /** Where its compressed data begins, and its length. */
  dataStart: number
  compressedSize: number
}

export interface ZipDirectory {
  entries: ZipEntry[]
  /** The central directory and end record, as in the file (a streaming parser reads them last). */
  trailer: Buffer
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const DESCRIPTOR = 0x08074b50

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
  let p = cdOffset
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== CENTRAL) return undefined
    const flags = bytes.readUInt16LE(p + 8)
    const method = bytes.readUInt16LE(p + 10)
    const compressedSize = bytes.readUInt32LE(p + 20)
    const nameLength = bytes.readUInt16LE(p + 28)
    const extraLength = bytes.readUInt16LE(p + 30)
    const commentLength = bytes.readUInt16LE(p + 32)
    const start = bytes.readUInt32LE(p + 42)
    const name = bytes.toString('utf8', p + 46, p + 46 + nameLength)
    p += 46 + nameLength + extraLength + commentLength
    if (compressedSize === 0xffffffff || start + 30 > bytes.length || bytes.readUInt32LE(start) !== LOCAL) return undefined
    const dataStart = start + 30 + bytes.readUInt16LE(start + 26) + bytes.readUInt16LE(start + 28)
    let end = dataStart + compressedSize
    if (flags & 8) end += end + 4 <= bytes.length && bytes.readUInt32LE(end) === DESCRIPTOR ? 16 : 12
    if (end > bytes.length) return undefined
    entries.push({ name, method, start, end, dataStart, compressedSize })
  }
  return { entries, trailer: bytes.subarray(cdOffset) }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** A stored (uncompressed) local entry: header and data. */
export function storedEntry(name: string, content: string): Buffer {
  const data = Buffer.from(content, 'utf8')
  const nameBytes = Buffer.from(name, 'utf8')
  const header = Buffer.alloc(30)
  header.writeUInt32LE(LOCAL, 0)
  header.writeUInt16LE(20, 4)
  header.writeUInt16LE(0x0800, 6) // names in UTF-8
  header.writeUInt16LE(0, 8)
  header.writeUInt32LE(crc32(data), 14)
  header.writeUInt32LE(data.length, 18)
  header.writeUInt32LE(data.length, 22)
  header.writeUInt16LE(nameBytes.length, 26)
  return Buffer.concat([header, nameBytes, data])
}

/** An entry's bytes, inflated as they are read (never the whole entry in memory). */
export function entryContent(bytes: Buffer, entry: ZipEntry): Readable {
  const source = Readable.from([bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize)])
  return entry.method === 8 ? source.pipe(createInflateRaw()) : source
}
