import { Picker, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.css'

/**
 * A labelled choice among a list, as a resident sees it: the current value in a large field, the
 * phone's own picker on tap. The village and the town pickers are both this.
 */
export function ChoiceField({
  label,
  choices,
  value,
  placeholder,
  onChange,
  note,
  className
}: {
  label: string
  choices: readonly string[]
  value: string | null
  placeholder?: string
  onChange: (v: string) => void
  note?: ReactNode
  className?: string
}) {
  const index = value === null ? -1 : choices.indexOf(value)
  return (
    <View className={`choice-field${className ? ` ${className}` : ''}`}>
      <View className='choice-field__label'>{label}</View>
      <Picker mode='selector' range={choices as string[]} value={Math.max(index, 0)} onChange={(e) => {
        const chosen = choices[Number(e.detail.value)]
        if (chosen !== undefined) onChange(chosen)
      }}>
        <View className='choice-field__field'>
          <Text>{value ?? placeholder ?? ''}</Text>
          <Text className='choice-field__change'>点此选择</Text>
        </View>
      </Picker>
      {note && <View className='choice-field__note'>{note}</View>}
    </View>
  )
}
