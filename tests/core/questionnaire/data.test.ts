import { QUESTIONS, QUESTION_IDS, getQuestion, questionNumber, isQuestionId } from '../../../src/core/questionnaire'
import { MULTIPLE, OPTION_COUNTS } from '../support/paper'
import { parseQuestionnaire, section } from '../support/source'

const paper = parseQuestionnaire(section('附件1:', '附件2:'))

describe('附件1 questionnaire data', () => {
  test('has 14 questions Q1…Q14 in paper order', () => {
    expect(QUESTIONS.map((q) => q.id)).toEqual([
      'Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8', 'Q9', 'Q10', 'Q11', 'Q12', 'Q13', 'Q14',
    ])
    expect([...QUESTION_IDS]).toEqual(QUESTIONS.map((q) => q.id))
  })

  test('option counts per question are 4,10,4,6,3,6,3,5,3,5,5,14,12,5', () => {
    expect(QUESTIONS.map((q) => q.options.length)).toEqual([4, 10, 4, 6, 3, 6, 3, 5, 3, 5, 5, 14, 12, 5])
    for (const q of QUESTIONS) expect(q.options.length).toBe(OPTION_COUNTS[q.id])
  })

  test('options are numbered 1, 2, 3 … as printed', () => {
    for (const q of QUESTIONS) expect(q.options.map((o) => o.value)).toEqual(q.options.map((_, i) => i + 1))
  })

  test('Q2, Q4, Q12, Q13 are multiple choice, the rest single choice', () => {
    expect(QUESTIONS.filter((q) => q.kind === 'multiple').map((q) => q.id)).toEqual(['Q2', 'Q4', 'Q12', 'Q13'])
    expect(QUESTIONS.filter((q) => q.kind === 'multiple').map((q) => q.id)).toEqual(MULTIPLE)
  })

  test('the fixture parse finds all 14 printed questions (guards the parser itself)', () => {
    expect(paper.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])
    expect(paper.map((p) => p.options.length)).toEqual([4, 10, 4, 6, 3, 6, 3, 5, 3, 5, 5, 14, 12, 5])
  })

  test.each(QUESTION_IDS.map((id) => [id]))('%s matches the paper: text, kind, labels, marks', (id) => {
    const q = getQuestion(id)
    const printed = paper[questionNumber(id) - 1]
    expect(q.text).toBe(printed.text)
    expect(q.kind).toBe(printed.kind)
    expect(
      q.options.map((o) => ({
        value: o.value,
        label: o.label,
        notReadAloud: o.notReadAloud === true,
        other: o.other === true,
        ...(o.skipTo ? { skipTo: o.skipTo } : {}),
        ...(o.skips ? { skips: o.skips } : {}),
      })),
    ).toEqual(printed.options)
  })

  test('question text keeps the source punctuation and drops "N、" and "(单选题)"', () => {
    expect(getQuestion('Q1').text).toBe('在目前的社会治安环境下(指居住地本区/县/市的社会治安状况),您感觉安全吗?')
    expect(getQuestion('Q2').text).toBe('(您感觉不太安全或不安全),您认为当地(居住地本区/县/市)存在哪些社会治安问题?')
    expect(getQuestion('Q5').text).toBe('在您家附近有没有矛盾纠纷、社会治安问题?')
    for (const q of QUESTIONS) expect(q.text).not.toMatch(/单选题|多选题|^\d+、/)
  })

  test('labels are exact, e.g. Q6 "反映了,没人管" and Q12 "利用家族宗族势力横行乡里"', () => {
    expect(getQuestion('Q6').options.map((o) => o.label)).toEqual([
      '反映了,没人管', '有人管,但效果一般', '能得到有效处理', '不了解处理情况', '不知道向谁反映', '不愿意评价',
    ])
    expect(getQuestion('Q12').options[1].label).toBe('利用家族宗族势力横行乡里')
    expect(getQuestion('Q13').options.map((o) => o.label)).toEqual([
      '金融放贷', '工程建设', '交通运输', '市场流通', '自然资源', '生态环境',
      '文化旅游', '教育卫生', '信息网络', '乡村治理', '其他', '不了解/不清楚',
    ])
  })
})

describe('option flags', () => {
  const flagged = (flag: 'exclusive' | 'other' | 'notReadAloud') =>
    QUESTIONS.flatMap((q) => q.options.filter((o) => o[flag] === true).map((o) => `${q.id}-${o.value} ${o.label}`))

  test('"(不读出)" options: Q5-3, Q6-6, Q12-13, with the marker stripped', () => {
    expect(flagged('notReadAloud')).toEqual(['Q5-3 不了解/不清楚', 'Q6-6 不愿意评价', 'Q12-13 无'])
    for (const q of QUESTIONS) for (const o of q.options) expect(o.label).not.toContain('不读出')
  })

  test('"其他(请注明:)" options are labelled "其他" with the other flag: Q2-10, Q4-6, Q12-14, Q13-11', () => {
    expect(flagged('other')).toEqual(['Q2-10 其他', 'Q4-6 其他', 'Q12-14 其他', 'Q13-11 其他'])
    for (const q of QUESTIONS) for (const o of q.options) expect(o.label).not.toContain('请注明')
  })

  test('exclusive options: only Q12 "无" and Q13 "不了解/不清楚"', () => {
    expect(flagged('exclusive')).toEqual(['Q12-13 无', 'Q13-12 不了解/不清楚'])
  })

  test('exclusive flags appear only on multiple choice, and "其他" is never exclusive', () => {
    for (const q of QUESTIONS) {
      for (const o of q.options) {
        if (o.exclusive) expect(q.kind).toBe('multiple')
        if (o.other) expect(o.exclusive).toBeFalsy()
      }
    }
  })

  test('Q2 and Q4 have no exclusive option', () => {
    expect(getQuestion('Q2').options.some((o) => o.exclusive)).toBe(false)
    expect(getQuestion('Q4').options.some((o) => o.exclusive)).toBe(false)
  })
})

describe('about texts explain without steering', () => {
  test('every question has a short about text', () => {
    for (const q of QUESTIONS) {
      expect(q.about.length).toBeGreaterThan(8)
      expect(q.about.length).toBeLessThanOrEqual(60)
    }
  })

  test('no about text contains coaching words', () => {
    const coaching = ['请选', '建议', '最好', '应该选', '标准答案', '好评', '道一声', '满意', '正确']
    for (const q of QUESTIONS) for (const w of coaching) expect(`${q.id}: ${q.about}`).not.toContain(w)
  })

  test('no about text repeats one of its own options (of two characters or more)', () => {
    for (const q of QUESTIONS) {
      for (const o of q.options) {
        if (o.label.length >= 2) expect(`${q.id}: ${q.about}`).not.toContain(o.label)
      }
    }
  })
})

describe('ids', () => {
  test('isQuestionId knows Q1…Q14 only', () => {
    expect(QUESTION_IDS.every(isQuestionId)).toBe(true)
    expect(['Q0', 'Q15', 'q1', '', '1'].some(isQuestionId)).toBe(false)
  })

  test('questionNumber gives the printed number', () => {
    expect(questionNumber('Q1')).toBe(1)
    expect(questionNumber('Q14')).toBe(14)
  })

  test('getQuestion refuses an unknown id', () => {
    expect(() => getQuestion('Q15' as never)).toThrow('没有这道题：Q15')
  })
})
