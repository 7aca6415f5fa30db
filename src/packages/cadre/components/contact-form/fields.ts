import { contactSchema, parsePhone, type ParsedPhone } from '../../../../core/contact'
import type { InputIssue } from '../../../../core/contract'

/** The columns of 附件2 a cadre fills in, in the paper's order (序号 is the row, the village is theirs). */
export const FORM_FIELDS = ['responsible', 'name', 'phone', 'occupation', 'address', 'note'] as const
export type FormField = (typeof FORM_FIELDS)[number]
export type FormValues = Record<FormField, string>
export type FormErrors = Partial<Record<FormField, string>>

export const FIELD_LABELS: Record<FormField, string> = {
  responsible: '包户责任人',
  name: '姓名',
  phone: '电话号码',
  occupation: '职业(职务)',
  address: '常住地址',
  note: '备注'
}

export const emptyForm = (): FormValues => ({ responsible: '', name: '', phone: '', occupation: '', address: '', note: '' })

const shape = contactSchema.shape

/**
 * The core's own message for one field (the same rule the server applies), or null when it is fine.
 * `phoneOptional`: when editing, an empty phone means "keep the number".
 */
export function fieldError(field: FormField, value: string, phoneOptional = false): string | null {
  if (field === 'phone' && phoneOptional && value.trim() === '') return null
  const parsed = shape[field].safeParse(value)
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? `${FIELD_LABELS[field]}填写有误`)
}

/** What the number will be stored as, once it is a valid one: 13800138000 or 0734-8160763. */
export function phoneReading(value: string): ParsedPhone | null {
  if (value.trim() === '') return null
  return parsePhone(value)
}

/** A refusal's issues that point at a form field, first message per field. */
export function issuesByField(issues: readonly InputIssue[] | undefined): FormErrors {
  const out: FormErrors = {}
  for (const issue of issues ?? []) {
    const field = issue.path[0]
    if ((FORM_FIELDS as readonly unknown[]).includes(field) && !out[field as FormField]) out[field as FormField] = issue.message
  }
  return out
}

/** A valid field as the server will store it (trimmed; a blank optional text is no text). */
export function storedValue(field: Exclude<FormField, 'phone'>, value: string): string | undefined {
  const parsed = shape[field].safeParse(value)
  return parsed.success ? parsed.data : value
}
