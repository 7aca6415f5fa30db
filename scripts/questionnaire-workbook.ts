/**
 * Writes the shipped 2023 questionnaire workbook, questionnaires/2023.xlsx, from QUESTIONNAIRE_2023
 * through toXlsForm and the same writer the campaigns function exports with, so the file in the
 * repository is what 管理后台 → 导出问卷 gives for 2023. Run after changing the 2023 data:
 *
 *   npx tsx scripts/questionnaire-workbook.ts          (write)
 *   npx tsx scripts/questionnaire-workbook.ts --check  (exit 1 if the committed file no longer parses to QUESTIONNAIRE_2023)
 *
 * tests/core/questionnaire/workbook.test.ts checks the committed file.
 */
import { readFileSync, writeFileSync } from 'fs'
import { join } from 'path'
import { isDeepStrictEqual } from 'util'
import { writeXlsFormWorkbook } from '../server/lib/xlsform-workbook'
import { QUESTIONNAIRE_2023 } from '../src/core/questionnaire'
import { parseXlsForm, toXlsForm, XLSFORM_COLUMNS, XLSFORM_NOTES } from '../src/core/questionnaire/xlsform'
import { readXlsx } from '../tests/fixtures/xlsforms'

export const WORKBOOK_2023 = join(__dirname, '..', 'questionnaires', '2023.xlsx')

async function main(): Promise<void> {
  if (process.argv.includes('--check')) {
    const parsed = parseXlsForm(await readXlsx(readFileSync(WORKBOOK_2023)))
    const same = parsed.ok && isDeepStrictEqual(JSON.parse(JSON.stringify(parsed.questionnaire)), JSON.parse(JSON.stringify(QUESTIONNAIRE_2023)))
    console.log(same ? `${WORKBOOK_2023}: 与 QUESTIONNAIRE_2023 一致` : `${WORKBOOK_2023}: 与 QUESTIONNAIRE_2023 不一致`)
    if (!parsed.ok) console.log(parsed.issues)
    process.exitCode = same ? 0 : 1
    return
  }
  const bytes = await writeXlsFormWorkbook(toXlsForm(QUESTIONNAIRE_2023), XLSFORM_COLUMNS, [...XLSFORM_NOTES])
  writeFileSync(WORKBOOK_2023, bytes)
  console.log(`wrote ${WORKBOOK_2023} (${bytes.length} bytes)`)
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
