import { checkQuestionnaire, INDICATORS, type IndicatorKey, type QuestionnaireIssue } from './check'
import { referencedQuestions, type Condition } from './conditions'
import { own } from './own'
import { parseRelevant, toRelevant } from './relevant'
import type { IndicatorMapping, IndicatorSpec, Question, QuestionKind, QuestionOption, Questionnaire } from './types'

export { parseRelevant, toRelevant, RELEVANT_MAX_LENGTH, type RelevantResult } from './relevant'

/**
 * The questionnaire as an XLSForm workbook (the ODK convention), as rows of text: pure, so the
 * server turns a workbook into these rows (server/lib/xlsform-workbook.ts) and back. The columns
 * are documented in the README ("问卷表格 (XLSForm)").
 */

/** One sheet row: header (lower-cased, trimmed) → cell text; `row` is the 1-based row as the spreadsheet shows it. */
export interface SheetRow {
  readonly row: number
  readonly cells: Readonly<Record<string, string>>
}

export interface XlsFormSheets {
  survey: readonly SheetRow[]
  choices: readonly SheetRow[]
  settings: readonly SheetRow[]
}

export type XlsFormSheet = keyof XlsFormSheets

/** One refusal, named by sheet, row and column; the message is Chinese. */
export interface XlsFormIssue {
  readonly sheet: XlsFormSheet
  readonly row: number
  readonly column?: string
  readonly message: string
}

export type XlsFormResult = { ok: true; questionnaire: Questionnaire } | { ok: false; issues: XlsFormIssue[] }

/** The settings columns of each indicator: `<prefix>_question`, `<prefix>_favourable`, `<prefix>_unknown`. */
export const INDICATOR_COLUMNS: Readonly<Record<IndicatorKey, string>> = {
  safety: 'safety',
  nightWorry: 'night_worry',
  satisfaction: 'satisfaction',
  crackdownSatisfaction: 'crackdown_satisfaction',
}

/** The documented columns, in the order an exported workbook has them. */
export const XLSFORM_COLUMNS = {
  survey: ['type', 'name', 'label', 'hint', 'relevant'],
  choices: ['list_name', 'name', 'label', 'exclusive', 'other', 'not_read_aloud'],
  settings: [
    'form_title',
    'version',
    ...INDICATORS.flatMap(({ key }) => ['question', 'favourable', 'unknown'].map((part) => `${INDICATOR_COLUMNS[key]}_${part}`)),
    'distributions',
  ],
} as const satisfies Record<XlsFormSheet, readonly string[]>

/** The 说明 sheet of an exported workbook: the columns in a few lines (the README has the full table). */
export const XLSFORM_NOTES: readonly string[] = [
  '本工作簿按 XLSForm 格式编写：survey 表是题目，choices 表是选项，settings 表是标题、版本和指标。改好后在管理后台导入，预览核对后再启用。',
  'survey 表：type 填 select_one 选项表名（单选）、select_multiple 选项表名（多选）或 note（说明文字，不作答）；name 是题目名称（Q1、Q2…，不能重复）；label 是题目文字；hint 是题目说明；relevant 是显示条件，不填即每人都问。',
  "relevant 的写法：${Q1} = '3'（单选题选了3）、${Q1} != '3'（没有选3，没问到也算）、selected(${Q2}, '3')（单选或多选题选了3）；可用 and、or、not(…) 和括号，只能用前面的题目。",
  'choices 表：list_name 是选项表名（与 survey 的 type 对应），name 是选项编号（正整数 1、2、3…），label 是选项文字；exclusive（选了它就不能再选别的）、other（“其他”，需要注明）、not_read_aloud（不读出）填 yes，不填即否。',
  'settings 表（一行）：form_title 问卷标题；version 版本号（每次修改都换一个新的，如 2026-1）；各项指标：*_question 用哪道单选题，*_favourable 计入的选项（如 1,2），*_unknown 算作“不了解/不清楚”的选项（如 5）；distributions 要看选项分布的题目（如 Q2,Q4）。',
]

/** XLSForm metadata types: recorded by ODK, never asked, so they are skipped here. */
const METADATA_TYPES = new Set([
  'start', 'end', 'today', 'deviceid', 'username', 'simserial', 'subscriberid', 'phonenumber', 'audit', 'email',
])

const YES = new Set(['yes', 'y', 'true', '1', '是', '对', '√'])
const NO = new Set(['', 'no', 'n', 'false', '0', '否'])

/** The column to read for `base`: `label` itself, else a `label::中文`-style language column (Chinese first). */
function languageColumn(rows: readonly SheetRow[], base: string): string {
  const keys = new Set(rows.flatMap((r) => Object.keys(r.cells)))
  if (keys.has(base)) return base
  const languages = [...keys].filter((k) => k.startsWith(`${base}::`))
  return languages.find((k) => /中文|汉|zh|chinese/i.test(k)) ?? languages[0] ?? base
}

const cell = (row: SheetRow, column: string): string => (own(row.cells, column) ?? '').trim()

const OPTION_NUMBER = /^[1-9][0-9]{0,5}$/

/** "1,2" / "1，2" / "1、2" / "1 2" → [1, 2]; null when a part is not an option number. */
function numberList(text: string): number[] | null {
  const parts = text.split(/[\s,，、;；]+/).filter((p) => p !== '')
  if (!parts.every((p) => OPTION_NUMBER.test(p))) return null
  return [...new Set(parts.map(Number))]
}

interface SurveyEntry {
  readonly row: number
  readonly question: Question<string>
  readonly list?: string
  readonly relevant: string
}

interface ChoiceList {
  readonly firstRow: number
  readonly options: QuestionOption<string>[]
  readonly rows: Map<number, number>
}

/**
 * Reads an XLSForm workbook's rows into a Questionnaire, or refuses it with every issue found
 * (sheet, row, column, Chinese message). Row-level problems are found here; the structural rules
 * (skips naming earlier questions and real options, reachability, indicators) are
 * checkQuestionnaire's, located back to their rows.
 */
export function parseXlsForm(sheets: XlsFormSheets): XlsFormResult {
  const issues: XlsFormIssue[] = []
  const add = (sheet: XlsFormSheet, row: number, column: string | undefined, message: string): void => {
    issues.push({ sheet, row, ...(column ? { column } : {}), message })
  }

  // choices ------------------------------------------------------------------
  const choiceLabel = languageColumn(sheets.choices, 'label')
  const lists = new Map<string, ChoiceList>()
  for (const r of sheets.choices) {
    const listName = cell(r, 'list_name')
    const name = cell(r, 'name')
    if (listName === '') {
      add('choices', r.row, 'list_name', '缺少选项表名(list_name)')
      continue
    }
    let list = lists.get(listName)
    if (!list) {
      list = { firstRow: r.row, options: [], rows: new Map() }
      lists.set(listName, list)
    }
    if (!OPTION_NUMBER.test(name)) {
      add('choices', r.row, 'name', name === '' ? '缺少选项编号(name)' : `选项编号“${name}”应为正整数，例如 1、2、3`)
      continue
    }
    const value = Number(name)
    if (list.rows.has(value)) {
      add('choices', r.row, 'name', `选项表 ${listName} 里选项${value}重复了(第${list.rows.get(value)}行已有)`)
      continue
    }
    const flags: Partial<Record<'exclusive' | 'other' | 'notReadAloud', true>> = {}
    for (const [column, flag] of [['exclusive', 'exclusive'], ['other', 'other'], ['not_read_aloud', 'notReadAloud']] as const) {
      const text = cell(r, column).toLowerCase()
      if (YES.has(text)) flags[flag] = true
      else if (!NO.has(text)) add('choices', r.row, column, `“${cell(r, column)}”看不懂：填 yes 或 no(也可填 是/否、1/0)，不填即否`)
    }
    list.rows.set(value, r.row)
    list.options.push({ value, label: cell(r, choiceLabel), ...flags })
  }

  // survey -------------------------------------------------------------------
  const surveyLabel = languageColumn(sheets.survey, 'label')
  const surveyHint = languageColumn(sheets.survey, 'hint')
  const entries: SurveyEntry[] = []
  const rowOf = new Map<string, number>()
  const usedLists = new Set<string>()
  const broken = new Set<string>()
  for (const r of sheets.survey) {
    const type = cell(r, 'type').replace(/\s+/g, ' ')
    const name = cell(r, 'name')
    const lower = type.toLowerCase()
    if (METADATA_TYPES.has(lower)) continue
    if (type === '') {
      add('survey', r.row, 'type', '缺少题型(type)：填 select_one 选项表名、select_multiple 选项表名或 note')
      continue
    }
    let kind: QuestionKind | undefined
    let list: string | undefined
    const select = /^select(?:_| )(one|multiple)(?: (\S+))?(?: (\S+))?$/i.exec(type)
    if (select) {
      kind = select[1].toLowerCase() === 'one' ? 'single' : 'multiple'
      list = select[2]
      if (select[3]?.toLowerCase() === 'or_other') {
        add('survey', r.row, 'type', '不支持 or_other：请在选项表里加一个“其他”选项，并在 other 列填 yes')
        kind = undefined
      } else if (select[3] !== undefined) {
        add('survey', r.row, 'type', `题型“${type}”看不懂：select_one 后面只写一个选项表名`)
        kind = undefined
      } else if (list === undefined) {
        add('survey', r.row, 'type', `${select[0]} 后面要写选项表名，例如 ${select[0]} ${name || 'Q1'}`)
        kind = undefined
      } else if (!lists.has(list)) {
        add('survey', r.row, 'type', `选项表(choices)里没有名为 ${list} 的选项表`)
        kind = undefined
      }
    } else if (lower === 'note') {
      kind = 'note'
    } else if (/^(begin|end)[ _](group|repeat)$/.test(lower)) {
      add('survey', r.row, 'type', `不支持分组(${type})：请删去 begin/end group 行，把跳转条件写在每道题的 relevant 列`)
      continue
    } else {
      add('survey', r.row, 'type', `不支持的题型“${type}”：只能用 select_one、select_multiple 或 note`)
    }
    // A list named by a row counts as used even when the row itself is refused (no second issue).
    if (list) usedLists.add(list)
    if (name === '') {
      add('survey', r.row, 'name', '缺少题目名称(name)，例如 Q1')
      continue
    }
    if (rowOf.has(name)) {
      add('survey', r.row, 'name', `题目名称 ${name} 重复了(第${rowOf.get(name)}行已有)`)
      continue
    }
    rowOf.set(name, r.row)
    if (kind === undefined) broken.add(name)
    const options = kind && kind !== 'note' && list ? lists.get(list)!.options.map((o) => ({ ...o })) : []
    entries.push({
      row: r.row,
      list: kind && kind !== 'note' ? list : undefined,
      relevant: cell(r, 'relevant'),
      question: { id: name, kind: kind ?? 'single', text: cell(r, surveyLabel), about: cell(r, surveyHint), options },
    })
  }
  for (const [name, list] of lists) {
    if (!usedLists.has(name)) add('choices', list.firstRow, 'list_name', `选项表 ${name} 没有被任何题目用到`)
  }

  // relevance ----------------------------------------------------------------
  const kindOf = new Map(entries.map((e) => [e.question.id, e.question.kind] as const))
  const relevance: Record<string, Condition<string>> = {}
  for (const e of entries) {
    if (e.relevant === '') continue
    const parsed = parseRelevant(e.relevant, (name) => kindOf.get(name))
    if (!parsed.ok) add('survey', e.row, 'relevant', `跳转条件看不懂：${parsed.message}`)
    else relevance[e.question.id] = parsed.condition
  }

  // settings -----------------------------------------------------------------
  const settingsRows = sheets.settings
  const settings = settingsRows[0]
  const settingsRow = settings?.row ?? 2
  for (const extra of settingsRows.slice(1)) add('settings', extra.row, undefined, '设置表只能有一行设置(表头下第一行)')
  const setting = (column: string): string => (settings ? cell(settings, column) : '')
  const indicators: Partial<Record<IndicatorKey, IndicatorSpec>> = {}
  for (const { key, title, required } of INDICATORS) {
    const prefix = INDICATOR_COLUMNS[key]
    const question = setting(`${prefix}_question`)
    const favourable = setting(`${prefix}_favourable`)
    const unknown = setting(`${prefix}_unknown`)
    if (question === '') {
      if (required) add('settings', settingsRow, `${prefix}_question`, `没有指定${title}用哪道题(${prefix}_question)`)
      else if (favourable !== '' || unknown !== '') add('settings', settingsRow, `${prefix}_question`, `${title}填了选项，但没有指定题目`)
      continue
    }
    const favourableList = numberList(favourable)
    const unknownList = numberList(unknown)
    if (!favourableList || favourableList.length === 0) {
      add('settings', settingsRow, `${prefix}_favourable`, `${title}计入的选项应为选项编号，用逗号隔开，例如 1,2`)
    }
    if (!unknownList) add('settings', settingsRow, `${prefix}_unknown`, `${title}“不了解”的选项应为选项编号，用逗号隔开，例如 5；没有就不填`)
    if (favourableList && favourableList.length > 0 && unknownList) {
      indicators[key] = { question, favourable: favourableList, unknown: unknownList }
    } else broken.add(`indicator:${key}`)
  }
  const distributionsText = setting('distributions')
  const distributions = distributionsText.split(/[\s,，、;；]+/).filter((p) => p !== '')

  const questionnaire: Questionnaire = {
    version: setting('version'),
    title: setting('form_title'),
    questions: entries.map((e) => e.question),
    relevance,
    indicators: {
      ...(indicators as IndicatorMapping),
      ...(distributionsText !== '' ? { distributions } : {}),
    },
  }

  // structural rules, located --------------------------------------------------
  const entryOf = new Map(entries.map((e) => [e.question.id, e]))
  const readsBroken = (id: string): boolean => {
    const condition = own(relevance, id)
    return condition !== undefined && referencedQuestions(condition).some((ref) => broken.has(ref))
  }
  for (const issue of checkQuestionnaire(questionnaire)) {
    const located = locate(issue, entryOf, lists, settingsRow)
    if (!located) continue
    // Already reported where it starts: a broken row, a missing required indicator, a broken setting.
    if (issue.questionId !== undefined && broken.has(issue.questionId) && issue.field !== 'relevance') continue
    if (issue.field === 'relevance' && issue.questionId !== undefined && readsBroken(issue.questionId)) continue
    if (issue.field === 'indicators' && issue.indicator) {
      const spec = questionnaire.indicators[issue.indicator]
      if (!spec || broken.has(spec.question)) continue
    }
    add(located.sheet, located.row, located.column, issue.message)
  }

  if (issues.length > 0) {
    const order: Record<XlsFormSheet, number> = { survey: 0, choices: 1, settings: 2 }
    const seen = new Set<string>()
    const unique = issues.filter((i) => {
      const key = `${i.sheet}|${i.row}|${i.column ?? ''}|${i.message}`
      return !seen.has(key) && seen.add(key) !== undefined
    })
    const columnAt = (i: XlsFormIssue): number => {
      const at = (XLSFORM_COLUMNS[i.sheet] as readonly string[]).indexOf(i.column ?? '')
      return at < 0 ? Number.MAX_SAFE_INTEGER : at
    }
    unique.sort((a, b) => order[a.sheet] - order[b.sheet] || a.row - b.row || columnAt(a) - columnAt(b))
    return { ok: false, issues: unique }
  }
  return { ok: true, questionnaire }
}

/** Where a checkQuestionnaire issue lives in the workbook. */
function locate(
  issue: QuestionnaireIssue,
  entries: ReadonlyMap<string, SurveyEntry>,
  lists: ReadonlyMap<string, ChoiceList>,
  settingsRow: number,
): { sheet: XlsFormSheet; row: number; column?: string } | null {
  switch (issue.field) {
    case 'version':
      return { sheet: 'settings', row: settingsRow, column: 'version' }
    case 'title':
      return { sheet: 'settings', row: settingsRow, column: 'form_title' }
    case 'indicators': {
      const prefix = issue.indicator ? INDICATOR_COLUMNS[issue.indicator] : 'safety'
      return { sheet: 'settings', row: settingsRow, column: `${prefix}_${issue.indicatorPart ?? 'question'}` }
    }
    case 'distributions':
      return { sheet: 'settings', row: settingsRow, column: 'distributions' }
    case 'questions':
      return { sheet: 'survey', row: 1, column: 'type' }
    default: {
      const entry = issue.questionId === undefined ? undefined : entries.get(issue.questionId)
      if (!entry) return { sheet: 'survey', row: 1 }
      const column = { id: 'name', kind: 'type', text: 'label', options: 'type', relevance: 'relevant' } as const
      if (issue.field in column) return { sheet: 'survey', row: entry.row, column: column[issue.field as keyof typeof column] }
      // Option-level: the choices row of the option in the question's list.
      const list = entry.list === undefined ? undefined : lists.get(entry.list)
      if (!list) return { sheet: 'survey', row: entry.row, column: 'type' }
      const row = issue.value === undefined ? list.firstRow : (list.rows.get(issue.value) ?? list.firstRow)
      const optionColumn = issue.field === 'value' ? 'name' : issue.field === 'label' ? 'label' : 'other'
      return { sheet: 'choices', row, column: optionColumn }
    }
  }
}

const flag = (on: boolean | undefined): string => (on ? 'yes' : '')

/**
 * The questionnaire as XLSForm rows (header → cell text), one choice list per question named like
 * it. parseXlsForm of these rows gives the same questionnaire.
 */
export function toXlsForm(q: Questionnaire): Record<XlsFormSheet, Record<string, string>[]> {
  const kindOf = (name: string): QuestionKind | undefined => q.questions.find((question) => question.id === name)?.kind
  const survey: Record<string, string>[] = []
  const choices: Record<string, string>[] = []
  for (const question of q.questions) {
    const condition = own(q.relevance, question.id)
    survey.push({
      type: question.kind === 'note' ? 'note' : `${question.kind === 'single' ? 'select_one' : 'select_multiple'} ${question.id}`,
      name: question.id,
      label: question.text,
      hint: question.about,
      relevant: condition ? toRelevant(condition, kindOf) : '',
    })
    for (const o of question.options) {
      choices.push({
        list_name: question.id,
        name: String(o.value),
        label: o.label,
        exclusive: flag(o.exclusive),
        other: flag(o.other),
        not_read_aloud: flag(o.notReadAloud),
      })
    }
  }
  const settings: Record<string, string> = { form_title: q.title, version: q.version }
  for (const { key } of INDICATORS) {
    const spec = q.indicators[key]
    const prefix = INDICATOR_COLUMNS[key]
    settings[`${prefix}_question`] = spec?.question ?? ''
    settings[`${prefix}_favourable`] = spec ? spec.favourable.join(',') : ''
    settings[`${prefix}_unknown`] = spec ? spec.unknown.join(',') : ''
  }
  settings.distributions = (q.indicators.distributions ?? []).join(',')
  return { survey, choices, settings: [settings] }
}

/** toXlsForm's rows as SheetRows (header on row 1, data from row 2): what reading the written workbook gives. */
export function xlsFormRows(sheets: Record<XlsFormSheet, Record<string, string>[]>): XlsFormSheets {
  const rows = (list: Record<string, string>[]): SheetRow[] =>
    list.map((cells, i) => ({ row: i + 2, cells: Object.fromEntries(Object.entries(cells).filter(([, v]) => v !== '')) }))
  return { survey: rows(sheets.survey), choices: rows(sheets.choices), settings: rows(sheets.settings) }
}
