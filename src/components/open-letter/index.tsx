import { Text, View } from '@tarojs/components'
import type { Letter } from '../../core/towns'
import './index.css'

export type LetterPart = { kind: 'subtitle' | 'greeting' | 'paragraph'; text: string }

/**
 * A letter's body as a printed letter lays it out: paragraphs are separated by blank lines; a line
 * opening with a dash is the subtitle (——致…的一封公开信), a short one ending with a colon the
 * greeting (亲爱的父老乡亲们:); the rest are indented paragraphs.
 */
export function letterParts(body: string): LetterPart[] {
  return body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((text) => ({
      kind: /^[—–-]{1,2}/.test(text) ? 'subtitle' : text.length <= 30 && /[:：]$/.test(text) ? 'greeting' : 'paragraph',
      text
    }))
}

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l !== '')

/** A town's open letter (附件4 for the seed town): title, body, sender lines and date. */
export function OpenLetter({ letter }: { letter: Letter }) {
  return (
    <View className='open-letter' aria-label='公开信'>
      {letter.title && <View className='open-letter__title'>{letter.title}</View>}
      {letterParts(letter.body).map((part, i) => (
        <View key={i} className={`open-letter__${part.kind}`}>
          {part.text}
        </View>
      ))}
      <View className='open-letter__signature'>
        {lines(letter.sender).map((s, i) => (
          <Text key={i} className='open-letter__sender'>
            {s}
          </Text>
        ))}
        <Text className='open-letter__date'>{letter.date}</Text>
      </View>
    </View>
  )
}
