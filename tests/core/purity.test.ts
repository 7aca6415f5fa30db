import { readFileSync, readdirSync, statSync } from 'fs'
import { dirname, join, relative, resolve } from 'path'
import * as core from '../../src/core'

const CORE = resolve(__dirname, '../../src/core')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.tsx?$/.test(name) ? [path] : []
  })
}

const files = sources(CORE)

describe('src/core is platform-free', () => {
  test('finds the core sources (guards the scan)', () => {
    expect(files.map((f) => relative(CORE, f))).toEqual(
      expect.arrayContaining(['index.ts', 'villages.ts', 'questionnaire/questions.ts', 'questionnaire/xlsform.ts', 'contact/phone.ts']),
    )
  })

  test('imports only zod and files inside src/core', () => {
    const bad: string[] = []
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      const specifiers = [...text.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1])
      for (const s of specifiers) {
        const inside = s.startsWith('.') && !relative(CORE, resolve(dirname(file), s)).startsWith('..')
        if (!(s === 'zod' || s.startsWith('zod/') || inside)) bad.push(`${relative(CORE, file)} → ${s}`)
      }
    }
    expect(bad).toEqual([])
  })

  test('uses no platform globals (wx, Taro, process, Buffer, window, document)', () => {
    const bad = files.filter((f) =>
      /\bwx\.|\bTaro\b|\bprocess\.|\bBuffer\b|\bwindow\.|\bdocument\.|__dirname/.test(readFileSync(f, 'utf8')),
    )
    expect(bad.map((f) => relative(CORE, f))).toEqual([])
  })
})

describe('the public face (src/core/index.ts)', () => {
  test('exposes the questionnaire, flow, validation, indicators, villages, content and contact rules', () => {
    const names = [
      'QUESTIONS', 'QUESTION_IDS', 'RELEVANCE', 'visibleQuestions', 'nextQuestion', 'previousQuestion', 'progress',
      'isComplete', 'setAnswer', 'toggleOption', 'setOtherText', 'pruneHidden', 'validate', 'answersSchema',
      'othersSchema', 'surveyResponseSchema', 'safetyRate', 'nightWorryRate', 'satisfactionRate',
      'optionDistribution', 'VILLAGES', 'VILLAGE_NAMES', 'TOTAL_QUOTA', 'OPEN_LETTER', 'SLOGANS', 'HOTLINES',
      'FOUR_KNOWS', 'CAMPAIGN', 'normalizePhone', 'parsePhone', 'maskPhone', 'contactSchema',
      'QUESTIONNAIRE_2023', 'questionnaireSchema', 'checkQuestionnaire', 'answersSchemaFor', 'surveyResponseSchemaFor',
      'indicatorRate', 'indicatorRates',
    ]
    expect(names.filter((n) => !(n in core))).toEqual([])
  })
})
