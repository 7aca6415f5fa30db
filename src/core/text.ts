import * as z from 'zod/mini'

/**
 * The one rule for text people type (names, 包户责任人, 职业, 住址, 备注, a cadre's name, a search, a
 * "其他" answer, later a concern): what cannot be seen is not stored.
 *
 * - Format characters that are invisible and carry no meaning in our fields (zero-width space,
 *   joiners, word joiner, BOM, soft hyphen) are stripped: people paste them from chats without
 *   knowing, and could not find them to delete them.
 * - Characters that change how text is shown or read back (control characters such as NUL, bidi
 *   overrides and isolates, lone surrogates, non-characters) are refused with a message: they let
 *   one name look like another in a list, or break whatever reads the text later.
 */

/**
 * U+00AD soft hyphen, U+034F grapheme joiner, the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) and
 * U+2800 braille blank (used to make names that look empty), U+17B4–U+17B5, U+180E, U+200B–U+200D
 * zero-width space/joiners, U+2060–U+2064, variation selectors U+FE00–U+FE0F, U+FEFF BOM, and the
 * tag characters U+E0000–U+E007F.
 */
const STRIPPED = /[\u00AD\u034F\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200D\u2060-\u2064\u2800\u3164\uFE00-\uFE0F\uFEFF\uFFA0\u{E0000}-\u{E007F}]/gu

/**
 * C0 controls except tab/newline (allowed only in multi-line fields), DEL and C1 controls; LRM/RLM and
 * the bidi embeddings, overrides and isolates (U+200E–U+200F, U+202A–U+202E, U+2066–U+2069, U+061C);
 * line/paragraph separators; non-characters U+FFFE/U+FFFF. Lone surrogates are checked apart.
 */
const REFUSED_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/
const REFUSED_MULTI_LINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

export interface TextRules {
  /** Tabs and line breaks allowed (备注-like fields, a concern's text); one line otherwise. */
  multiline?: boolean
}

/** The text with invisible format characters removed. */
export function stripInvisible(text: string): string {
  return text.replace(STRIPPED, '')
}

/** True when the text holds a character this rule refuses. */
export function hasRefusedCharacter(text: string, rules: TextRules = {}): boolean {
  return (rules.multiline ? REFUSED_MULTI_LINE : REFUSED_SINGLE_LINE).test(text) || LONE_SURROGATE.test(text)
}

export const refusedCharacterMessage = (label: string): string => `${label}含有无法显示的特殊字符,请删除后重新输入`

/** Characters as a person counts them: a rare character (生僻字) is one, not two. */
export const charCount = (s: string): number => Array.from(s).length

/**
 * A string schema: invisible format characters stripped, then refused characters rejected with a
 * Chinese message naming the field, then trimmed. Build every typed-text field on this.
 */
export function cleanString(label: string, params: Parameters<typeof z.string>[0], rules: TextRules = {}) {
  // zod/mini, as every schema of the app: functions (z.pipe, .check(z.refine())) a bundler leaves out when
  // unused, where classic zod's methods bring all of zod to every phone (README: size).
  const stripped = z.pipe(z.string(params), z.transform(stripInvisible))
  return z.pipe(
    stripped.check(z.refine((s: string) => !hasRefusedCharacter(s, rules), refusedCharacterMessage(label))),
    z.transform((s: string) => s.trim())
  )
}
