import { createLocalDatabase } from '../../localcloud/db'
import { tempDir } from './helpers'

/**
 * A transaction that looked for a document with a query and found nothing, then writes it, must lose
 * to another that created it in the meantime (else both "first" writes commit: a double count).
 */
it('a write to a document created by another transaction after this one\'s snapshot is a conflict, at the write', () => {
  const db = createLocalDatabase({ dataDir: tempDir(), autoCreateCollections: true })
  try {
    db.ensureCollection('claims')
    const late = db.startTransaction()
    // A query that finds nothing touches no document.
    expect(db.findDocs('claims', { filter: { _id: 'once' } }, late)).toEqual([])
    const early = db.startTransaction()
    db.insertDocs('claims', [{ _id: 'once', by: 'early' }], early)
    db.commitTransaction(early)
    expect(() => db.modify('claims', { filter: { _id: 'once' }, update: { _id: 'once', by: 'late' }, multi: false, merge: false, upsert: true }, Date.now(), late)).toThrow(/conflict/i)
    expect(() => db.commitTransaction(late)).toThrow(/conflict/i)
    expect(db.get('claims', 'once')).toMatchObject({ by: 'early' })
  } finally {
    db.close()
  }
})
