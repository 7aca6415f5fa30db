/**
 * The domain core: questionnaire, relevance, validation, indicators, villages,
 * content, contact rules. Imports nothing but zod, so it runs in the
 * mini-program and in cloud functions alike.
 */
export * from './questionnaire'
export * from './indicators'
export * from './villages'
export * from './content'
export * from './contact'
export * from './text'
export * from './towns'
export * from './units-table'
export * from './ranking'
export * from './inspections'
