/**
 * Phone numbers as cadres type them: `138 0013 8000`, `+86-138…`, full-width
 * digits from a Chinese IME, `(0734)8160763`. Normalise before validating and
 * before checking duplicates.
 */

/** Allocated mainland mobile prefixes (MIIT 2023); 154, 174, 140–144 are not. */
const MOBILE = /^1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-35-8]|8\d|9[0-35-9])\d{8}$/

/** Area code 010 / 02X (3 digits) or 03XX–09XX (4 digits); local 7–8 digits from 2–9. */
const LANDLINE_DIGITS = /^(010|02\d|0[3-9]\d\d)([2-9]\d{6,7})$/
const LANDLINE = /^(010|02\d|0[3-9]\d\d)-([2-9]\d{6,7})$/

/** Spaces (any), dashes of every width, parentheses, dots. */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212().]/g

/** Full-width ASCII (０-９, ＋, －, （）…) to half-width; ideographic space to space. */
function toHalfWidth(s: string): string {
  return s
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
}

/** After +86 a landline drops its trunk 0 (+86 734 8160763): put it back. */
function restoreTrunkZero(s: string): string {
  return LANDLINE_DIGITS.test(`0${s}`) ? `0${s}` : s
}

function stripCountryCodeOnce(s: string): string {
  if (s.startsWith('+86')) return restoreTrunkZero(s.slice(3))
  if (s.startsWith('0086')) return restoreTrunkZero(s.slice(4))
  if (/^861\d{10}$/.test(s)) return s.slice(2)
  return s
}

/** Repeated until stable, so that normalising twice changes nothing. */
function stripCountryCode(s: string): string {
  let next = stripCountryCodeOnce(s)
  while (next !== s) {
    s = next
    next = stripCountryCodeOnce(s)
  }
  return s
}

/**
 * Canonical form: mobile `13800138000`, landline `0734-8160763`. Input that
 * is no phone number comes back cleaned but otherwise as is, for `parsePhone`
 * to explain. Idempotent.
 */
export function normalizePhone(input: string): string {
  const s = stripCountryCode(toHalfWidth(input).replace(SEPARATORS, ''))
  const landline = LANDLINE_DIGITS.exec(s)
  return landline ? `${landline[1]}-${landline[2]}` : s
}

export type PhoneKind = 'mobile' | 'landline'

export type PhoneProblem =
  | 'EMPTY'
  | 'INVALID_CHARS'
  | 'WRONG_LENGTH'
  | 'UNALLOCATED_PREFIX'
  | 'BAD_LANDLINE'
  | 'MISSING_AREA_CODE'

export type ParsedPhone =
  | { readonly ok: true; readonly kind: PhoneKind; readonly normalized: string }
  | { readonly ok: false; readonly code: PhoneProblem; readonly reason: string }

const fail = (code: PhoneProblem, reason: string): ParsedPhone => ({ ok: false, code, reason })

export function parsePhone(input: string): ParsedPhone {
  const n = normalizePhone(input)
  if (n === '') return fail('EMPTY', '请填写电话号码')
  if (LANDLINE.test(n)) return { ok: true, kind: 'landline', normalized: n }
  if (/\D/.test(n)) return fail('INVALID_CHARS', '电话号码只能包含数字')
  if (n.startsWith('1')) {
    if (n.length !== 11) return fail('WRONG_LENGTH', '电话号码位数不对，手机号码应为11位')
    if (!MOBILE.test(n)) return fail('UNALLOCATED_PREFIX', `手机号码没有${n.slice(0, 3)}这个号段，请核对`)
    return { ok: true, kind: 'mobile', normalized: n }
  }
  if (n.startsWith('0')) {
    return fail('BAD_LANDLINE', '座机号码不对，应为区号加7到8位号码，如0734-8160763')
  }
  if (n.length === 7 || n.length === 8) return fail('MISSING_AREA_CODE', '座机号码请加上区号，如0734-8160763')
  return fail('WRONG_LENGTH', '电话号码位数不对')
}

/**
 * For lists: mobile `138****8000`; landline keeps the area code and the last
 * four digits, `0734-***0763`. Anything else shows at most its last four characters.
 */
export function maskPhone(normalized: string): string {
  if (/^1\d{10}$/.test(normalized)) return `${normalized.slice(0, 3)}****${normalized.slice(7)}`
  const landline = /^(0\d{2,3})-(\d{7,8})$/.exec(normalized)
  if (landline) {
    const local = landline[2]
    return `${landline[1]}-${'*'.repeat(local.length - 4)}${local.slice(-4)}`
  }
  const chars = Array.from(normalized)
  if (chars.length <= 4) return '*'.repeat(chars.length)
  return '*'.repeat(chars.length - 4) + chars.slice(-4).join('')
}
