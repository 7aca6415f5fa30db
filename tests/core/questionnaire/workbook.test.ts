import { readFileSync } from 'fs'
import { join } from 'path'
import { readXlsFormWorkbook } from '../../../server/lib/xlsform-workbook'
import { QUESTIONNAIRE_2023 } from '../../../src/core/questionnaire'
import { parseXlsForm } from '../../../src/core/questionnaire/xlsform'
import { BROKEN_WORKBOOKS, QUESTIONNAIRE_2026, readXlsx, sheets2026, xlsxOf } from '../../fixtures/xlsforms'

/** The shipped workbook (scripts/questionnaire-workbook.ts writes it). */
const WORKBOOK_2023 = join(__dirname, '../../../questionnaires/2023.xlsx')

describe('questionnaires/2023.xlsx, the workbook in the repository', () => {
  test('read with exceljs, it parses into exactly QUESTIONNAIRE_2023', async () => {
    const result = parseXlsForm(await readXlsx(readFileSync(WORKBOOK_2023)))
    expect(result.ok && result.questionnaire).toEqual(QUESTIONNAIRE_2023)
  })

  test('read the way an import reads it (the bounded reader), it parses into exactly QUESTIONNAIRE_2023', async () => {
    const result = parseXlsForm(await readXlsFormWorkbook(readFileSync(WORKBOOK_2023)))
    expect(result.ok && result.questionnaire).toEqual(QUESTIONNAIRE_2023)
  })

  test('has the three XLSForm sheets with the documented headers', async () => {
    const sheets = await readXlsx(readFileSync(WORKBOOK_2023))
    expect(sheets.survey).toHaveLength(14)
    expect(sheets.choices).toHaveLength(85)
    expect(sheets.settings).toHaveLength(1)
    expect(sheets.survey[1].cells).toMatchObject({ type: 'select_multiple Q2', name: 'Q2', relevant: "${Q1} = '3' or ${Q1} = '4'" })
  })
})

describe('the 2026 fixture as an .xlsx', () => {
  test('writes and reads back to the same rows and questionnaire', async () => {
    const bytes = await xlsxOf(sheets2026())
    const sheets = await readXlsx(bytes)
    expect(sheets).toEqual(sheets2026())
    const result = parseXlsForm(await readXlsFormWorkbook(bytes))
    expect(result.ok && result.questionnaire).toEqual(QUESTIONNAIRE_2026)
  })
})

describe('the broken workbooks as .xlsx files', () => {
  test('name the same rows as their rows do (the fixture keeps the spreadsheet row numbers)', async () => {
    for (const broken of BROKEN_WORKBOOKS) {
      const fromFile = parseXlsForm(await readXlsFormWorkbook(await xlsxOf(broken.sheets)))
      expect([broken.name, fromFile]).toEqual([broken.name, parseXlsForm(broken.sheets)])
      expect(fromFile.ok).toBe(false)
    }
  })
})
