import {
  QUESTIONNAIRE_2023,
  checkQuestionnaire,
  firstUnanswered,
  nextQuestion,
  progress,
  validate,
  visibleQuestions,
  type Answers,
  type Questionnaire,
} from '../../../src/core/questionnaire'
import {
  parseXlsForm,
  toXlsForm,
  xlsFormRows,
  type SheetRow,
  type XlsFormSheets,
} from '../../../src/core/questionnaire/xlsform'
import { BROKEN_WORKBOOKS, QUESTIONNAIRE_2026, sheets2023, sheets2026 } from '../../fixtures/xlsforms'

const parsed = (sheets: XlsFormSheets): Questionnaire => {
  const result = parseXlsForm(sheets)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.questionnaire
}

describe('the 2023 questionnaire as an XLSForm', () => {
  const rows = toXlsForm(QUESTIONNAIRE_2023)

  test('survey: one row per question, type naming its own list, the skips in XLSForm syntax', () => {
    expect(rows.survey.map((r) => `${r.name} ${r.type}`)).toEqual([
      'Q1 select_one Q1', 'Q2 select_multiple Q2', 'Q3 select_one Q3', 'Q4 select_multiple Q4',
      'Q5 select_one Q5', 'Q6 select_one Q6', 'Q7 select_one Q7', 'Q8 select_one Q8', 'Q9 select_one Q9',
      'Q10 select_one Q10', 'Q11 select_one Q11', 'Q12 select_multiple Q12', 'Q13 select_multiple Q13',
      'Q14 select_one Q14',
    ])
    expect(rows.survey.filter((r) => r.relevant).map((r) => `${r.name}: ${r.relevant}`)).toEqual([
      "Q2: ${Q1} = '3' or ${Q1} = '4'",
      "Q6: ${Q5} = '1'",
      "Q8: ${Q7} = '1' and ${Q6} != '1' and ${Q6} != '2'",
      "Q10: ${Q9} = '1'",
    ])
    expect(rows.survey[0].label).toBe(QUESTIONNAIRE_2023.questions[0].text)
    expect(rows.survey[0].hint).toBe(QUESTIONNAIRE_2023.questions[0].about)
  })

  test('choices: 85 options, the flags as yes', () => {
    expect(rows.choices).toHaveLength(85)
    const flagged = (column: string) => rows.choices.filter((r) => r[column] === 'yes').map((r) => `${r.list_name}-${r.name}`)
    expect(flagged('exclusive')).toEqual(['Q12-13', 'Q13-12'])
    expect(flagged('other')).toEqual(['Q2-10', 'Q4-6', 'Q12-14', 'Q13-11'])
    expect(flagged('not_read_aloud')).toEqual(['Q5-3', 'Q6-6', 'Q12-13'])
  })

  test('settings: title, version and the indicator mapping indicators.ts used to hard-code', () => {
    expect(rows.settings).toEqual([
      {
        form_title: '2023年综治民调问卷',
        version: '2023',
        safety_question: 'Q1', safety_favourable: '1,2', safety_unknown: '',
        night_worry_question: 'Q3', night_worry_favourable: '1,2', night_worry_unknown: '',
        satisfaction_question: 'Q14', satisfaction_favourable: '1,2', satisfaction_unknown: '5',
        crackdown_satisfaction_question: 'Q11', crackdown_satisfaction_favourable: '1,2', crackdown_satisfaction_unknown: '5',
        distributions: 'Q2,Q4,Q12,Q13',
      },
    ])
  })

  test('exported and imported again it is the same questionnaire: questions, flags, skips, indicators', () => {
    expect(parsed(xlsFormRows(rows))).toEqual(QUESTIONNAIRE_2023)
  })
})

// ---------------------------------------------------------------------------
// Every answer path through the controlling questions, on the original and on the round trip.

const CONTROLLING = ['Q1', 'Q5', 'Q6', 'Q7', 'Q9'] as const
const OPTIONS: Record<(typeof CONTROLLING)[number], number> = { Q1: 4, Q5: 3, Q6: 6, Q7: 3, Q9: 3 }

/** Each controlling question unanswered (0) or answered with each option: 5 × 4 × 7 × 4 × 4 = 2240 sets. */
const combinations: Answers[] = CONTROLLING.reduce<Answers[]>(
  (acc, id) => acc.flatMap((a) => Array.from({ length: OPTIONS[id] + 1 }, (_, v) => (v === 0 ? a : { ...a, [id]: [v] }))),
  [{}],
)

/** Filler for the other questions: answered on every follow-up too, so hidden ones carry stale answers. */
const FILLERS: { answers: Answers; others: Record<string, string> }[] = [
  { answers: { Q2: [1, 10], Q3: [2], Q4: [6], Q8: [1], Q10: [5], Q11: [1], Q12: [13], Q13: [12], Q14: [3] }, others: { Q2: '偷电动车', Q4: '路灯' } },
  { answers: { Q3: [4], Q4: [1, 2], Q11: [5], Q12: [13, 1], Q13: [1, 11], Q14: [1, 2] }, others: { Q13: '' } },
  { answers: {}, others: {} },
]

describe('every answer path gives the same screens and the same refusals on both', () => {
  const back = parsed(xlsFormRows(toXlsForm(QUESTIONNAIRE_2023)))

  test('2240 combinations of the controlling questions, three fillers each', () => {
    /** What a respondent and the function see for one set of answers. */
    const seen = (q: Questionnaire, answers: Answers, others: Record<string, string>) =>
      JSON.stringify([
        visibleQuestions(answers, q),
        validate(answers, others, q),
        progress(answers, q),
        firstUnanswered(answers, q),
        nextQuestion(answers, 'Q5', q),
      ])
    const original: string[] = []
    const imported: string[] = []
    const paths = new Set<string>()
    for (const combination of combinations) {
      for (const filler of FILLERS) {
        const answers = { ...filler.answers, ...combination }
        original.push(seen(QUESTIONNAIRE_2023, answers, filler.others))
        imported.push(seen(back, answers, filler.others))
        paths.add(visibleQuestions(answers, QUESTIONNAIRE_2023).join(','))
      }
    }
    expect(original).toHaveLength(2240 * 3)
    const differing = original.flatMap((o, i) => (o === imported[i] ? [] : [i]))
    expect(differing).toEqual([])
    // Guards the walk: the combinations reach every shape of the questionnaire (Q2, Q6, Q8, Q10 each on or off).
    expect(paths.size).toBe(16)
  })

  test('the same walk tells a different skip apart (guards the comparison)', () => {
    const changed: Questionnaire = { ...back, relevance: { ...back.relevance, Q8: { q: 'Q7', anyOf: [1] } } }
    const differs = combinations.some(
      (a) => visibleQuestions(a, changed).join() !== visibleQuestions(a, QUESTIONNAIRE_2023).join(),
    )
    expect(differs).toBe(true)
  })
})

describe('the 2026 variant', () => {
  test('its workbook (2023 rows plus Q15 and a new version) imports as QUESTIONNAIRE_2026', () => {
    expect(parsed(sheets2026())).toEqual(QUESTIONNAIRE_2026)
    expect(checkQuestionnaire(QUESTIONNAIRE_2026)).toEqual([])
  })

  test('round trip of the 2026 questionnaire too', () => {
    expect(parsed(xlsFormRows(toXlsForm(QUESTIONNAIRE_2026)))).toEqual(QUESTIONNAIRE_2026)
  })
})

// ---------------------------------------------------------------------------

describe('broken workbooks are refused with their rows named', () => {
  test('there are at least ten, each different', () => {
    expect(BROKEN_WORKBOOKS.length).toBeGreaterThanOrEqual(10)
    expect(new Set(BROKEN_WORKBOOKS.map((b) => b.name)).size).toBe(BROKEN_WORKBOOKS.length)
  })

  test.each(BROKEN_WORKBOOKS.map((b) => [b.name, b] as const))('%s', (_name, broken) => {
    const result = parseXlsForm(broken.sheets)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues.map(({ sheet, row, column }) => ({ sheet, row, column }))).toEqual(
      broken.issues.map(({ sheet, row, column }) => ({ sheet, row, column })),
    )
    result.issues.forEach((issue, i) => {
      expect(issue.message).toContain(broken.issues[i].says)
      expect(issue.message).toMatch(/[\u4e00-\u9fff]/)
    })
  })

  test('every problem of a badly broken workbook at once, in sheet and row order', () => {
    const base = sheets2023()
    const survey = base.survey.map((r) =>
      r.cells.name === 'Q3' ? { ...r, cells: { ...r.cells, type: 'integer' } }
      : r.cells.name === 'Q10' ? { ...r, cells: { ...r.cells, relevant: "selected(${Q9}, '7')" } }
      : r,
    )
    const result = parseXlsForm({ survey, choices: base.choices, settings: [{ row: 2, cells: { form_title: 'x' } }] })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues.map((i) => `${i.sheet} ${i.row} ${i.column}`)).toEqual([
      'survey 4 type',
      'survey 11 relevant',
      'choices 16 list_name',
      'settings 2 version',
      'settings 2 safety_question',
      'settings 2 satisfaction_question',
    ])
  })
})

// ---------------------------------------------------------------------------

const row = (n: number, cells: Record<string, string>): SheetRow => ({ row: n, cells })
const SETTINGS = [
  row(2, {
    form_title: '小问卷',
    version: 't1',
    safety_question: 'A',
    safety_favourable: '1，2',
    satisfaction_question: 'A',
    satisfaction_favourable: '1',
    satisfaction_unknown: '3',
  }),
]
const CHOICES = [
  row(2, { list_name: 'safe', name: '1', label: '安全' }),
  row(3, { list_name: 'safe', name: '2', label: '比较安全' }),
  row(4, { list_name: 'safe', name: '3', label: '不清楚', not_read_aloud: '是' }),
  row(5, { list_name: 'why', name: '1', label: '路灯少' }),
  row(6, { list_name: 'why', name: '2', label: '都不是', exclusive: 'TRUE' }),
  row(7, { list_name: 'why', name: '3', label: '其他', other: '1' }),
]

describe('what the import reads', () => {
  test('notes, metadata rows, "select one" spelling, language columns and flags in Chinese or English', () => {
    const q = parsed({
      survey: [
        row(2, { type: 'start', name: 'start' }),
        row(3, { type: 'note', name: 'intro', 'label::中文': '您好，这是一次练习。' }),
        row(4, { type: 'select one safe', name: 'A', 'label::中文': '您感觉安全吗?', 'label::english': 'Safe?', 'hint::中文': '整体感受' }),
        row(5, { type: 'SELECT_MULTIPLE why', name: 'B', 'label::中文': '为什么?', relevant: 'not(${A} = 1 or ${A} = 2)' }),
        row(6, { type: 'note', name: 'bye', 'label::中文': '谢谢', relevant: "selected(${B}, '3')" }),
      ],
      choices: CHOICES,
      settings: SETTINGS,
    })
    expect(q.questions).toEqual([
      { id: 'intro', kind: 'note', text: '您好，这是一次练习。', about: '', options: [] },
      {
        id: 'A',
        kind: 'single',
        text: '您感觉安全吗?',
        about: '整体感受',
        options: [
          { value: 1, label: '安全' },
          { value: 2, label: '比较安全' },
          { value: 3, label: '不清楚', notReadAloud: true },
        ],
      },
      {
        id: 'B',
        kind: 'multiple',
        text: '为什么?',
        about: '',
        options: [
          { value: 1, label: '路灯少' },
          { value: 2, label: '都不是', exclusive: true },
          { value: 3, label: '其他', other: true },
        ],
      },
      { id: 'bye', kind: 'note', text: '谢谢', about: '', options: [] },
    ])
    expect(q.relevance).toEqual({ B: { not: { q: 'A', anyOf: [1, 2] } }, bye: { q: 'B', anyOf: [3] } })
    expect(q.indicators).toEqual({
      safety: { question: 'A', favourable: [1, 2], unknown: [] },
      satisfaction: { question: 'A', favourable: [1], unknown: [3] },
    })
  })

  test('a questionnaire with notes, shared lists and free names exports and imports again unchanged', () => {
    const q = parsed({
      survey: [
        row(2, { type: 'note', name: 'intro', label: '您好', hint: '开场白' }),
        row(3, { type: 'select_one safe', name: 'A', label: '安全吗?' }),
        row(4, { type: 'select_one safe', name: 'A2', label: '晚上安全吗?', relevant: "${A} != '1'" }),
        row(5, { type: 'select_multiple why', name: 'B', label: '为什么?', relevant: "${A2} = '2' or ${A2} = '3'" }),
        row(6, { type: 'note', name: 'bye', label: '谢谢', relevant: "not(selected(${B}, '2')) and ${A} = 2" }),
      ],
      choices: CHOICES,
      settings: [row(2, { ...SETTINGS[0].cells, night_worry_question: 'A2', night_worry_favourable: '2', distributions: 'B' })],
    })
    expect(checkQuestionnaire(q)).toEqual([])
    expect(parsed(xlsFormRows(toXlsForm(q)))).toEqual(q)
    expect(toXlsForm(q).survey.map((r) => r.type)).toEqual(['note', 'select_one A', 'select_one A2', 'select_multiple B', 'note'])
  })

  test.each([
    ['begin group', { type: 'begin group', name: 'g' }, 'type', '不支持分组'],
    ['or_other', { type: 'select_one safe or_other', name: 'C', label: 'x' }, 'type', '不支持 or_other'],
    ['a list-less select', { type: 'select_one', name: 'C', label: 'x' }, 'type', '后面要写选项表名'],
    ['a missing name', { type: 'note', label: 'x' }, 'name', '缺少题目名称'],
    ['a name that is no name', { type: 'note', name: '1a', label: 'x' }, 'name', '不合规'],
    ['an empty question label', { type: 'select_one safe', name: 'C' }, 'label', '题目文字不能为空'],
    ['= on a multiple choice', { type: 'note', name: 'C', label: 'x', relevant: "${B} = '1'" }, 'relevant', "请写 selected(${B}, '1')"],
    ['a note in a condition', { type: 'note', name: 'C', label: 'x', relevant: "${intro} = '1'" }, 'relevant', '是说明'],
    ['a comparison by size', { type: 'note', name: 'C', label: 'x', relevant: '${A} > 1' }, 'relevant', '不支持 >'],
    ['a missing type', { name: 'C', label: 'x' }, 'type', '缺少题型'],
  ])('refuses %s on its row', (_what, cells, column, says) => {
    const result = parseXlsForm({
      survey: [
        row(2, { type: 'note', name: 'intro', label: '您好' }),
        row(3, { type: 'select_one safe', name: 'A', label: '安全吗?' }),
        row(4, { type: 'select_multiple why', name: 'B', label: '为什么?' }),
        row(9, cells as Record<string, string>),
      ],
      choices: CHOICES,
      settings: SETTINGS,
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues).toEqual([expect.objectContaining({ sheet: 'survey', row: 9, column, message: expect.stringContaining(says) })])
  })

  test('refuses a flag it cannot read, a second settings row, and an empty workbook', () => {
    const flag = parseXlsForm({
      survey: [row(2, { type: 'select_one safe', name: 'A', label: 'x' })],
      choices: [row(2, { list_name: 'safe', name: '1', label: '安全', exclusive: 'maybe' })],
      settings: [...SETTINGS.map((r) => ({ ...r, cells: { ...r.cells, satisfaction_unknown: '' } })), row(3, { version: 't2' })],
    })
    expect(!flag.ok && flag.issues.map((i) => `${i.sheet} ${i.row} ${i.column ?? ''}`)).toEqual([
      'choices 2 exclusive',
      'settings 2 safety_favourable',
      'settings 3 ',
    ])
    const empty = parseXlsForm({ survey: [], choices: [], settings: [] })
    expect(!empty.ok && empty.issues.map((i) => `${i.sheet} ${i.row} ${i.column ?? ''} ${i.message}`)).toEqual([
      'survey 1 type 问卷里没有一道选择题',
      'settings 2 form_title 问卷标题(form_title)不能为空',
      'settings 2 version 缺少版本号(version)，例如 2026-1',
      'settings 2 safety_question 没有指定安全感率用哪道题(safety_question)',
      'settings 2 satisfaction_question 没有指定政法机关执法满意率用哪道题(satisfaction_question)',
    ])
  })

  test('a question names the prototype of nothing: "constructor" is refused, not looked up', () => {
    const result = parseXlsForm({
      survey: [row(2, { type: 'select_one safe', name: 'constructor', label: 'x' })],
      choices: CHOICES.slice(0, 3),
      settings: [row(2, { form_title: 't', version: '1', safety_question: 'constructor', safety_favourable: '1', satisfaction_question: 'constructor', satisfaction_favourable: '1' })],
    })
    expect(!result.ok && result.issues.map((i) => `${i.row} ${i.column}`)).toEqual(['2 name'])
  })
})
