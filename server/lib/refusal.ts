import type { ErrorCode } from '../../src/core/contract'

/** Thrown by a handler to refuse with a code and a Chinese message; inside a transaction it aborts it. */
export class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'Refusal'
  }
}

export const refuse = (code: ErrorCode, message: string): never => {
  throw new Refusal(code, message)
}
