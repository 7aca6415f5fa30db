import * as z from 'zod/mini'
import { charCount, cleanString, type TextRules } from '../text'
import { unitNameSchema } from '../towns'
import { normalizePhone, parsePhone } from './phone'

/** Missing (undefined/null) asks for the field; any other wrong type names it. */
const typeError =
  (label: string) =>
  (iss: { input?: unknown }): string =>
    iss.input === undefined || iss.input === null ? `请填写${label}` : `${label}应为文字`

/** A required text: trimmed, 1..max characters. */
export function requiredText(label: string, max: number, rules: TextRules = {}) {
  return cleanString(label, { error: typeError(label) }, rules).check(
    z.refine((s) => s.length > 0, `请填写${label}`),
    z.refine((s) => charCount(s) <= max, `${label}不能超过${max}个字`)
  )
}

/** An optional text: trimmed, blank becomes undefined, at most max characters. */
export function optionalText(label: string, max: number, rules: TextRules = {}) {
  const text = cleanString(label, { error: `${label}应为文字` }, rules).check(z.refine((s) => charCount(s) <= max, `${label}不能超过${max}个字`))
  return z.optional(z.pipe(text, z.transform((s: string) => (s === '' ? undefined : s))))
}

/**
 * One row of 附件2 电话号码收集表. The phone is stored normalised
 * (13800138000 / 0734-8160763) so duplicates are found whatever the input style. The village is a
 * unit name: which units exist is the town's data, so the server checks it against the town.
 */
export const contactSchema = z.object({
  village: unitNameSchema,
  responsible: requiredText('包户责任人', 20),
  name: requiredText('姓名', 20),
  phone: z.pipe(z.string({ error: typeError('电话号码') }), z.transform(normalizePhone)).check(
    z.superRefine((value, ctx) => {
      const parsed = parsePhone(value)
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason, params: { code: parsed.code } })
    })
  ),
  occupation: optionalText('职业(职务)', 30),
  address: optionalText('常住地址', 100),
  note: optionalText('备注', 100, { multiline: true }),
})

export type ContactInput = z.input<typeof contactSchema>
export type Contact = z.output<typeof contactSchema>
