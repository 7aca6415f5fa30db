import { letterSchema, slogansSchema, type Letter, type TownContent } from '../../../core/towns'

/** The editor's fields as typed: the slogans one a line. */
export interface ContentForm {
  title: string
  body: string
  sender: string
  date: string
  slogans: string
}
export type ContentField = keyof ContentForm

export const formOf = (content: TownContent): ContentForm => ({
  title: content.letter.title ?? '',
  body: content.letter.body,
  sender: content.letter.sender,
  date: content.letter.date,
  slogans: content.slogans.join('\n')
})

/** Text pasted from a Windows document ends its lines with \r\n; the rule for typed text refuses \r. */
const unixLines = (s: string) => s.replace(/\r\n?/g, '\n')

/** What the form says, as residents will read it (the preview) and as it is saved. */
export function contentOf(form: ContentForm): { letter: Letter; slogans: string[] } {
  const title = form.title.trim()
  return {
    letter: { ...(title ? { title } : {}), body: unixLines(form.body), sender: unixLines(form.sender), date: form.date },
    slogans: unixLines(form.slogans)
      .split('\n')
      .map((s) => s.trim())
      .filter((s) => s !== '')
  }
}

/** Each field's first problem, by the same rules the towns function applies. */
export function problemsOf(form: ContentForm): Partial<Record<ContentField, string>> {
  const { letter, slogans } = contentOf(form)
  const problems: Partial<Record<ContentField, string>> = {}
  const checked = letterSchema.safeParse(letter)
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = issue.path[0] as ContentField
      problems[field] ??= issue.message
    }
  }
  const lines = slogansSchema.safeParse(slogans)
  if (!lines.success) {
    const issue = lines.error.issues[0]
    const at = typeof issue.path[0] === 'number' ? `第${issue.path[0] + 1}条：` : ''
    problems.slogans = `${at}${issue.message}`
  }
  return problems
}

/** A refusal's issues (`letter.body`, `slogans.3`) on the fields they are about. */
export function problemsFromIssues(issues: readonly { path: (string | number)[]; message: string }[]): Partial<Record<ContentField, string>> {
  const problems: Partial<Record<ContentField, string>> = {}
  for (const { path, message } of issues) {
    const field = (path[0] === 'letter' ? path[1] : path[0] === 'slogans' ? 'slogans' : undefined) as ContentField | undefined
    if (field && field in { title: 1, body: 1, sender: 1, date: 1, slogans: 1 }) problems[field] ??= typeof path[1] === 'number' ? `第${path[1] + 1}条：${message}` : message
  }
  return problems
}
