export { normalizePhone, parsePhone, maskPhone, type ParsedPhone, type PhoneKind, type PhoneProblem } from './phone'
export { contactSchema, type Contact, type ContactInput } from './schema'
