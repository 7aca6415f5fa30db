import type { Condition } from './conditions'
import type { QuestionKind } from './types'

/**
 * XLSForm `relevant` expressions ⇄ the core's conditions, without eval: a tokenizer and a small
 * recursive-descent parser for the subset a skip rule needs.
 *
 *   expr     := and ('or' and)*
 *   and      := unary ('and' unary)*
 *   unary    := 'not' '(' expr ')' | '(' expr ')' | compare
 *   compare  := 'selected' '(' ref ',' value ')' | ref ('=' | '!=') value | value ('=' | '!=') ref
 *   ref      := '${' name '}'          value := '3' | "3" | 3   (an option number)
 *
 * Meaning, as in ODK: `selected(${Q2}, '3')` holds when option 3 is chosen (single or multiple
 * choice); `${Q1} = '3'` is single choice only; `!=` is its negation, so it holds for a question
 * that was not asked. Full-width brackets, quotes, commas and ＝ typed with a Chinese input method
 * are read as their ASCII forms; `and` / `or` / `not` / `selected` in any letter case.
 */

export const RELEVANT_MAX_LENGTH = 2000
const MAX_DEPTH = 20

type Token =
  | { t: '(' | ')' | ',' | '=' | '!='; at: number }
  | { t: 'ref'; name: string; at: number }
  | { t: 'value'; text: string; at: number }
  | { t: 'word'; word: string; at: number }

const FULL_WIDTH: Record<string, string> = {
  '（': '(', '）': ')', '，': ',', '‘': "'", '’': "'", '“': '"', '”': '"', '＝': '=', '！': '!', '＄': '$', '｛': '{', '｝': '}', '　': ' ',
}

class RelevantError extends Error {}

function tokenize(source: string): Token[] {
  const s = source.replace(/[（），‘’“”＝！＄｛｝　]/g, (c) => FULL_WIDTH[c])
  const tokens: Token[] = []
  let i = 0
  while (i < s.length) {
    const c = s[i]
    if (/\s/.test(c)) {
      i++
    } else if (c === '(' || c === ')' || c === ',' || c === '=') {
      tokens.push({ t: c, at: i })
      i++
    } else if (c === '!' && s[i + 1] === '=') {
      tokens.push({ t: '!=', at: i })
      i += 2
    } else if (c === '$' && s[i + 1] === '{') {
      const end = s.indexOf('}', i)
      if (end < 0) throw new RelevantError(`“${s.slice(i, i + 12)}”少了右花括号 }`)
      const name = s.slice(i + 2, end).trim()
      if (name === '') throw new RelevantError('${} 里要写题目名称，例如 ${Q1}')
      tokens.push({ t: 'ref', name, at: i })
      i = end + 1
    } else if (c === "'" || c === '"') {
      const end = s.indexOf(c, i + 1)
      if (end < 0) throw new RelevantError(`引号没有配对：${s.slice(i, i + 12)}`)
      tokens.push({ t: 'value', text: s.slice(i + 1, end).trim(), at: i })
      i = end + 1
    } else if (/[0-9.\-+]/.test(c)) {
      const m = /^[0-9.\-+]+/.exec(s.slice(i))!
      tokens.push({ t: 'value', text: m[0], at: i })
      i += m[0].length
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(s.slice(i))!
      tokens.push({ t: 'word', word: m[0], at: i })
      i += m[0].length
    } else if (c === '<' || c === '>') {
      throw new RelevantError('不支持 >、<、>=、<= 等大小比较；请用 = 或 selected() 列出选项')
    } else {
      throw new RelevantError(`不认识的符号“${c}”；可用 selected()、=、!=、and、or、not() 和括号`)
    }
  }
  return tokens
}

/** A parsed comparison before the question kinds are known. */
type Ast =
  | { kind: 'selected' | 'eq' | 'neq'; name: string; value: number }
  | { kind: 'not'; inner: Ast }
  | { kind: 'and' | 'or'; parts: Ast[] }

function optionNumber(text: string): number {
  if (!/^[1-9][0-9]{0,5}$/.test(text)) {
    throw new RelevantError(text === '' ? '不支持与空值比较；请写出选项编号，例如 ${Q1} = \'3\'' : `“${text}”不是选项编号，选项编号应为正整数`)
  }
  return Number(text)
}

function parse(tokens: Token[]): Ast {
  let k = 0
  const peek = (): Token | undefined => tokens[k]
  const isWord = (tok: Token | undefined, word: string): boolean =>
    tok?.t === 'word' && tok.word.toLowerCase() === word
  const expect = (t: Token['t'], what: string): Token => {
    const tok = tokens[k]
    if (!tok || tok.t !== t) throw new RelevantError(`这里应该是${what}${tok ? '' : '，表达式不完整'}`)
    k++
    return tok
  }

  const expr = (depth: number): Ast => {
    if (depth > MAX_DEPTH) throw new RelevantError('括号嵌套太深')
    const parts = [and(depth)]
    while (isWord(peek(), 'or')) {
      k++
      parts.push(and(depth))
    }
    return parts.length === 1 ? parts[0] : { kind: 'or', parts }
  }
  const and = (depth: number): Ast => {
    const parts = [unary(depth)]
    while (isWord(peek(), 'and')) {
      k++
      parts.push(unary(depth))
    }
    return parts.length === 1 ? parts[0] : { kind: 'and', parts }
  }
  const unary = (depth: number): Ast => {
    const tok = peek()
    if (!tok) throw new RelevantError('表达式不完整')
    if (isWord(tok, 'not')) {
      k++
      expect('(', ' not 后面的左括号 (')
      const inner = expr(depth + 1)
      expect(')', '右括号 )')
      return { kind: 'not', inner }
    }
    if (tok.t === '(') {
      k++
      const inner = expr(depth + 1)
      expect(')', '右括号 )')
      return inner
    }
    if (isWord(tok, 'selected')) {
      k++
      expect('(', ' selected 后面的左括号 (')
      const ref = expect('ref', '题目，例如 ${Q1}') as Extract<Token, { t: 'ref' }>
      expect(',', '逗号')
      const value = expect('value', "选项编号，例如 '3'") as Extract<Token, { t: 'value' }>
      expect(')', '右括号 )')
      return { kind: 'selected', name: ref.name, value: optionNumber(value.text) }
    }
    if (tok.t === 'ref' || tok.t === 'value') {
      k++
      const op = peek()
      if (!op || (op.t !== '=' && op.t !== '!=')) {
        throw new RelevantError(op?.t === 'word' ? `不支持“${op.word}”` : '这里应该是 = 或 !=（不支持 >、< 等比较）')
      }
      k++
      const other = peek()
      const ref = tok.t === 'ref' ? tok : other
      const value = tok.t === 'value' ? tok : other
      if (!other || ref?.t !== 'ref' || value?.t !== 'value') {
        throw new RelevantError("比较的一边应该是题目 ${Q1}，另一边是选项编号 '3'")
      }
      k++
      return { kind: op.t === '=' ? 'eq' : 'neq', name: ref.name, value: optionNumber(value.text) }
    }
    if (tok.t === 'word') throw new RelevantError(`不支持“${tok.word}”；可用 selected()、=、!=、and、or、not()`)
    throw new RelevantError(`“${tok.t}”不该出现在这里`)
  }

  const ast = expr(0)
  const rest = peek()
  if (rest) throw new RelevantError(`表达式在“${rest.t === 'word' ? rest.word : rest.t === 'ref' ? '${' + rest.name + '}' : rest.t === 'value' ? rest.text : rest.t}”处多出了内容（两个条件之间要写 and 或 or）`)
  return ast
}

/** Flattens nested and/or, merges "Q is a or Q is b" into one anyOf (and "not a and not b" likewise). */
function normalize(c: Condition<string>): Condition<string> {
  if ('q' in c) return c
  if ('not' in c) {
    const inner = normalize(c.not)
    return 'not' in inner ? inner.not : { not: inner }
  }
  const isAll = 'all' in c
  const flat: Condition<string>[] = []
  for (const part of (isAll ? c.all : c.any).map(normalize)) {
    if (isAll && 'all' in part) flat.push(...part.all)
    else if (!isAll && 'any' in part) flat.push(...part.any)
    else flat.push(part)
  }
  // In an `or`, options of one question join; in an `and`, so do the options it must not have.
  const merged: Condition<string>[] = []
  const slot = new Map<string, number>()
  for (const part of flat) {
    const atom = isAll ? ('not' in part && 'q' in part.not ? part.not : null) : 'q' in part ? part : null
    if (!atom) {
      merged.push(part)
      continue
    }
    const at = slot.get(atom.q)
    if (at === undefined) {
      slot.set(atom.q, merged.length)
      merged.push(part)
      continue
    }
    const prev = merged[at]
    const prevAtom = ('not' in prev ? prev.not : prev) as { q: string; anyOf: readonly number[] }
    const anyOf = [...prevAtom.anyOf, ...atom.anyOf.filter((v) => !prevAtom.anyOf.includes(v))]
    merged[at] = isAll ? { not: { q: atom.q, anyOf } } : { q: atom.q, anyOf }
  }
  if (merged.length === 1) return merged[0]
  return isAll ? { all: merged } : { any: merged }
}

export type RelevantResult = { ok: true; condition: Condition<string> } | { ok: false; message: string }

/**
 * Parses an XLSForm `relevant` expression. `kindOf` tells single from multiple choice (undefined:
 * a name the form does not have, left to checkQuestionnaire to report with its row).
 */
export function parseRelevant(expr: string, kindOf: (name: string) => QuestionKind | undefined = () => undefined): RelevantResult {
  try {
    if (expr.length > RELEVANT_MAX_LENGTH) throw new RelevantError(`跳转条件太长（最多${RELEVANT_MAX_LENGTH}个字符）`)
    const toCondition = (ast: Ast): Condition<string> => {
      if ('inner' in ast) return { not: toCondition(ast.inner) }
      if ('parts' in ast) {
        const parts = ast.parts.map(toCondition)
        return ast.kind === 'and' ? { all: parts } : { any: parts }
      }
      const kind = kindOf(ast.name)
      if (kind === 'note') throw new RelevantError(`\${${ast.name}} 是说明，没有选项，不能用在跳转条件里`)
      if (ast.kind !== 'selected' && kind === 'multiple') {
        throw new RelevantError(`\${${ast.name}} 是多选题，不能用 = 或 !=，请写 selected(\${${ast.name}}, '${ast.value}')`)
      }
      const atom = { q: ast.name, anyOf: [ast.value] }
      return ast.kind === 'neq' ? { not: atom } : atom
    }
    return { ok: true, condition: normalize(toCondition(parse(tokenize(expr.trim())))) }
  } catch (error) {
    if (error instanceof RelevantError) return { ok: false, message: error.message }
    throw error
  }
}

/**
 * A condition as an XLSForm `relevant` expression: `${Q1} = '3' or ${Q1} = '4'` on single choice,
 * `selected(${Q2}, '3')` on multiple choice, `!=` for a single choice's "not". parseRelevant reads it
 * back to the same condition.
 */
export function toRelevant(condition: Condition<string>, kindOf: (name: string) => QuestionKind | undefined): string {
  type Level = 'or' | 'and' | 'atom'
  const write = (c: Condition<string>): { text: string; level: Level } => {
    if ('q' in c) {
      const single = kindOf(c.q) === 'single'
      const parts = c.anyOf.map((v) => (single ? `\${${c.q}} = '${v}'` : `selected(\${${c.q}}, '${v}')`))
      return { text: parts.join(' or '), level: parts.length > 1 ? 'or' : 'atom' }
    }
    if ('not' in c) {
      const inner = c.not
      if ('q' in inner && kindOf(inner.q) === 'single') {
        const parts = inner.anyOf.map((v) => `\${${inner.q}} != '${v}'`)
        return { text: parts.join(' and '), level: parts.length > 1 ? 'and' : 'atom' }
      }
      return { text: `not(${write(inner).text})`, level: 'atom' }
    }
    const parts = 'all' in c ? c.all : c.any
    if (parts.length === 1) return write(parts[0])
    if ('all' in c) {
      const text = c.all.map((p) => write(p)).map((w) => (w.level === 'or' ? `(${w.text})` : w.text)).join(' and ')
      return { text, level: 'and' }
    }
    const text = c.any.map((p) => write(p)).map((w) => (w.level === 'and' ? `(${w.text})` : w.text)).join(' or ')
    return { text, level: 'or' }
  }
  return write(condition).text
}
