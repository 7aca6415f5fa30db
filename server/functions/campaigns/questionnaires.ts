/**
 * Questionnaire versions: the built-in 2023 one and those imported from XLSForm workbooks. A version
 * is never changed once stored (responses name it): importing the same questionnaire again changes
 * nothing, a different one under a version already taken is refused.
 */
import { createHash, randomBytes } from 'crypto'
import { BUILTIN_VERSION } from '../../../src/core/campaigns'
import { QUESTIONNAIRE_EXPORT_DIR, type InputIssue } from '../../../src/core/contract'
import { QUESTIONNAIRE_2023, type Questionnaire } from '../../../src/core/questionnaire/model'
import { parseXlsForm, toXlsForm, XLSFORM_COLUMNS, XLSFORM_NOTES, type XlsFormIssue } from '../../../src/core/questionnaire/xlsform'
import { audit } from '../../lib/audit'
import { findQuestionnaire, QUESTIONNAIRES, type QuestionnaireDoc } from '../../lib/campaign'
import { chinaDay } from '../../lib/china-day'
import { findById, transaction, type Db } from '../../lib/data'
import { refuse } from '../../lib/refusal'
import type { Identity } from '../../lib/roles'
import { deleteFiles, temporaryUrl, uploadFile } from '../../lib/storage'
import { readXlsFormWorkbook, writeXlsFormWorkbook } from '../../lib/xlsform-workbook'

/** How long an export's link works. */
const EXPORT_LINK_SECONDS = 30 * 60

/** JSON with keys sorted and undefined left out: the same questionnaire gives the same text, however it was built. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}
export const fingerprintOf = (q: Questionnaire): string => createHash('sha256').update(canonical(q)).digest('hex')

/** A workbook's issue as the refusal carries it: its place (sheet, row, column) and its Chinese message. */
export function toInputIssue(issue: XlsFormIssue): InputIssue {
  const path: (string | number)[] = [issue.sheet, issue.row]
  if (issue.column) path.push(issue.column)
  return { path, message: issue.message, sheet: issue.sheet, row: issue.row, ...(issue.column ? { column: issue.column } : {}) }
}

const placeOf = (i: XlsFormIssue) => `${i.sheet}表第${i.row}行${i.column ? `“${i.column}”列` : ''}`

export interface Imported {
  questionnaire: Questionnaire
  status: 'builtin' | 'draft' | 'published'
  created: boolean
}

/**
 * An uploaded workbook's bytes → a stored draft version. Every problem of the workbook is refused at
 * once (INVALID_INPUT, each issue with its sheet and row) before anything is written.
 */
export async function importWorkbook(db: Db, admin: Identity, bytes: Buffer, fileID: string): Promise<Imported> {
  const sheets = await readXlsFormWorkbook(bytes)
  const parsed = parseXlsForm(sheets)
  if (!parsed.ok) {
    const first = parsed.issues[0]
    return refuse('INVALID_INPUT', `问卷表格有${parsed.issues.length}处问题,第一处在${placeOf(first)}:${first.message}`, parsed.issues.map(toInputIssue))
  }
  const questionnaire = parsed.questionnaire
  const fingerprint = fingerprintOf(questionnaire)
  const version = questionnaire.version
  const taken = (why: string) =>
    refuse('CONFLICT', `问卷版本“${version}”${why};导入后的版本不能修改(答卷记着它),请在settings表的version中写一个新的版本号,如${version}-2`)
  if (version === BUILTIN_VERSION) {
    if (fingerprintOf(QUESTIONNAIRE_2023) !== fingerprint) taken('是内置的2023年问卷,内容与表格不同')
    return { questionnaire: QUESTIONNAIRE_2023, status: 'builtin', created: false }
  }
  return transaction(db, async (tx) => {
    const existing = await findById<QuestionnaireDoc>(tx, QUESTIONNAIRES, version)
    if (existing) {
      if (existing.fingerprint !== fingerprint) taken('已经导入过,内容与这份表格不同')
      return { questionnaire: existing.questionnaire, status: existing.status, created: false }
    }
    const doc: Omit<QuestionnaireDoc, '_id'> = { version, status: 'draft', questionnaire, fingerprint, importedAt: new Date(), importedBy: admin.openid }
    await tx.collection(QUESTIONNAIRES).doc(version).set({ data: doc })
    await audit(tx, db, { actor: admin.openid, action: 'campaigns.importQuestionnaire', target: version, detail: { fileID, questions: questionnaire.questions.length, title: questionnaire.title } })
    return { questionnaire, status: 'draft' as const, created: true }
  })
}

/** A version as an XLSForm workbook in cloud storage (registered, so a close deletes it), with a link. */
export async function exportWorkbook(db: Db, admin: Identity, version: string): Promise<{ version: string; fileID: string; tempFileURL: string }> {
  const found = await findQuestionnaire(db, version)
  if (!found) return refuse('NOT_FOUND', `没有问卷版本“${version}”`)
  const rows = toXlsForm(found.questionnaire)
  const bytes = await writeXlsFormWorkbook(rows, XLSFORM_COLUMNS, [...XLSFORM_NOTES])
  const safe = version.replace(/[^A-Za-z0-9._-]/g, '_')
  const fileID = await uploadFile(`${QUESTIONNAIRE_EXPORT_DIR}/${safe}-${chinaDay()}-${randomBytes(6).toString('hex')}.xlsx`, bytes)
  try {
    await audit(db, db, { actor: admin.openid, action: 'campaigns.exportQuestionnaire', target: fileID, detail: { version } })
  } catch (error) {
    await deleteFiles([fileID], db).catch(() => 0)
    throw error
  }
  return { version, fileID, tempFileURL: await temporaryUrl(fileID, EXPORT_LINK_SECONDS) }
}
