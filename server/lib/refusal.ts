import type { ErrorCode, InputIssue } from '../../src/core/contract'

/**
 * Thrown by a handler to refuse with a code and a Chinese message; inside a transaction it aborts it.
 * `issues` go out with the refusal (every problem of a refused workbook or questionnaire, each with its place).
 */
export class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: InputIssue[]
  ) {
    super(message)
    this.name = 'Refusal'
  }
}

export const refuse = (code: ErrorCode, message: string, issues?: InputIssue[]): never => {
  throw new Refusal(code, message, issues)
}
