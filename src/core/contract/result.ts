import * as z from 'zod/mini'
import type * as core from 'zod/v4/core'

/** Every cloud function answers with one of these shapes; pages switch on `ok` and `code`. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL'
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/**
 * What the phone concludes when no answer came back; never sent by a function. TIMEOUT: sent, but no
 * answer in time (it may still arrive, or may have been stored: the client-made id keeps a retry
 * from counting twice). OFFLINE: the phone has no network, or the request could not be sent.
 */
export const TRANSPORT_CODES = ['TIMEOUT', 'OFFLINE'] as const
export type TransportCode = (typeof TRANSPORT_CODES)[number]

/** One zod issue, reduced to what a page needs to point at the field. */
export interface InputIssue {
  path: (string | number)[]
  message: string
  /** A refused workbook's issue also names where it is: sheet, 1-based row, column header. */
  sheet?: string
  row?: number
  column?: string
}

export interface Success<T> {
  ok: true
  data: T
}

export interface Failure {
  ok: false
  code: ErrorCode | TransportCode
  message: string
  issues?: InputIssue[]
}

export type Result<T> = Success<T> | Failure

export const failureSchema = z.object({
  ok: z.literal(false),
  code: z.enum(ERROR_CODES),
  message: z.string(),
  issues: z.optional(
    z.array(
      z.object({
        path: z.array(z.union([z.string(), z.number()])),
        message: z.string(),
        sheet: z.optional(z.string()),
        row: z.optional(z.int()),
        column: z.optional(z.string())
      })
    )
  )
})

export function success<T>(data: T): Success<T> {
  return { ok: true, data }
}

export function failure(code: ErrorCode | TransportCode, message: string, issues?: InputIssue[]): Failure {
  return issues ? { ok: false, code, message, issues } : { ok: false, code, message }
}

/** Turns zod issues into our issue list, keeping zod's (Chinese) messages. */
export function issuesOf(error: core.$ZodError): InputIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: issue.message
  }))
}

/** The refusal for input that does not match a contract: the first message, then every issue. */
export function invalidInput(error: core.$ZodError): Failure {
  const issues = issuesOf(error)
  const first = issues[0]
  const where = first && first.path.length ? `(${first.path.join('.')})` : ''
  return failure('INVALID_INPUT', first ? `${first.message}${where}` : '输入有误', issues)
}
