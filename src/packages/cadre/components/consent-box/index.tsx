import { View } from '@tarojs/components'
import './index.css'

interface Props {
  checked: boolean
  /** Shown under the box while it is unchecked (after a refused submit). */
  error: string | null
  text: string
  onChange(checked: boolean): void
}

/** A large tick box for a statement the cadre confirms; the whole row is the tap target. */
export function ConsentBox({ checked, error, text, onChange }: Props) {
  const showError = Boolean(error) && !checked
  return (
    <View className='consent-box'>
      <View
        className={`consent-box__row${checked ? ' consent-box__row--on' : ''}${showError ? ' consent-box__row--error' : ''}`}
        role='checkbox'
        aria-checked={checked}
        onClick={() => onChange(!checked)}
      >
        <View className='consent-box__box'>{checked ? '✓' : ''}</View>
        <View className='consent-box__text'>{text}</View>
      </View>
      {showError && <View className='consent-box__error'>{error}</View>}
    </View>
  )
}
