import { useCallback, useMemo, useState } from 'react'
import { FORM_FIELDS, fieldError, type FormErrors, type FormField, type FormValues } from './fields'

export interface ContactForm {
  values: FormValues
  /** The messages on screen: a field's own rule once it was left (or a submit was tried), or the server's. */
  errors: FormErrors
  /** When editing: an empty phone keeps the number. */
  phoneOptional: boolean
  set(field: FormField, value: string): void
  /** The cadre left the field: from now on its message follows every keystroke. */
  leave(field: FormField): void
  /** Shows every field's message; true when there is none. */
  check(): boolean
  /** Messages the server gave for fields; each goes once its field is changed. */
  refuse(errors: FormErrors): void
  reset(values: FormValues): void
}

/** The state of one 附件2 row being typed in, checked field by field with the core's contact schema. */
export function useContactForm(initial: () => FormValues, options: { phoneOptional?: boolean } = {}): ContactForm {
  const phoneOptional = options.phoneOptional ?? false
  const [values, setValues] = useState<FormValues>(initial)
  const [touched, setTouched] = useState<ReadonlySet<FormField>>(() => new Set())
  const [server, setServer] = useState<FormErrors>({})

  const errors = useMemo(() => {
    const out: FormErrors = {}
    for (const f of FORM_FIELDS) {
      const own = touched.has(f) ? fieldError(f, values[f], phoneOptional) : null
      const message = server[f] ?? own
      if (message) out[f] = message
    }
    return out
  }, [values, touched, server, phoneOptional])

  const set = useCallback((field: FormField, value: string) => {
    setValues((v) => (v[field] === value ? v : { ...v, [field]: value }))
    setServer((s) => {
      if (!(field in s)) return s
      const { [field]: _gone, ...rest } = s
      return rest
    })
  }, [])

  const leave = useCallback((field: FormField) => {
    setTouched((t) => (t.has(field) ? t : new Set([...t, field])))
  }, [])

  const check = useCallback(() => {
    setTouched(new Set(FORM_FIELDS))
    return FORM_FIELDS.every((f) => fieldError(f, values[f], phoneOptional) === null)
  }, [values, phoneOptional])

  const refuse = useCallback((errs: FormErrors) => setServer(errs), [])

  const reset = useCallback((next: FormValues) => {
    setValues(next)
    setTouched(new Set())
    setServer({})
  }, [])

  return { values, errors, phoneOptional, set, leave, check, refuse, reset }
}
