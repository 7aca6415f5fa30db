/** Own keys only: a question id never reads Object.prototype ('constructor' …). */
export const own = <T>(record: Readonly<Partial<Record<string, T>>>, key: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined
