import { readFileSync } from 'fs'
import { join } from 'path'

/** The plan with its attachments, copied verbatim from the seed. */
export const SOURCE = readFileSync(join(__dirname, '..', 'fixtures', 'source-plan.txt'), 'utf8')

/** Lines between a line starting with `from` and the next line starting with `to`. */
export function section(from: string, to: string): string[] {
  const lines = SOURCE.split(/\r?\n/)
  const start = lines.findIndex((l) => l.startsWith(from))
  const end = lines.findIndex((l, i) => i > start && l.startsWith(to))
  if (start < 0 || end < 0) throw new Error(`section ${from}..${to} not found`)
  return lines.slice(start + 1, end)
}

export interface PaperOption {
  value: number
  label: string
  notReadAloud: boolean
  other: boolean
  skipTo?: string
  skips?: string
}

export interface PaperQuestion {
  number: number
  kind: 'single' | 'multiple'
  text: string
  options: PaperOption[]
}

/** Parses 附件1 as printed: "N、text(单选题)" lines, then "(k)label<跳至Qn>" options. */
export function parseQuestionnaire(lines: string[]): PaperQuestion[] {
  const questions: PaperQuestion[] = []
  for (const raw of lines) {
    const line = raw.trim()
    const q = /^(\d+)、(.*)\((单选题|多选题)\)$/.exec(line)
    if (q) {
      questions.push({ number: Number(q[1]), kind: q[3] === '单选题' ? 'single' : 'multiple', text: q[2], options: [] })
      continue
    }
    if (!line.startsWith('(') || questions.length === 0) continue
    const parts = line.split(/\((\d+)\)/)
    for (let i = 1; i < parts.length; i += 2) {
      let label = parts[i + 1].trim()
      const option: PaperOption = { value: Number(parts[i]), label: '', notReadAloud: false, other: false }
      for (const m of label.matchAll(/<(跳至|跳过)(Q\d+)>/g)) {
        if (m[1] === '跳至') option.skipTo = m[2]
        else option.skips = m[2]
      }
      label = label.replace(/<(跳至|跳过)Q\d+>/g, '').trim()
      if (label.endsWith('(不读出)')) {
        option.notReadAloud = true
        label = label.slice(0, -'(不读出)'.length)
      }
      if (label === '其他(请注明:)') {
        option.other = true
        label = '其他'
      }
      option.label = label
      questions[questions.length - 1].options.push(option)
    }
  }
  return questions
}
