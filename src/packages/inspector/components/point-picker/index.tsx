import { Text, View } from '@tarojs/components'
import { clampPoints, formatPoints, pointChoices } from '../../shared/points'
import './index.css'

/** Up to this many choices (0 … 5 in half points) show as a grid of large chips; beyond, a stepper. */
const CHIP_LIMIT = 11

/**
 * An entered item's points, 0 to `max` in half points, for a thumb: large chips when there are few
 * choices, else a stepper (−0.5 / +0.5) with shortcuts to 0, the quarters and the maximum. Nothing is
 * chosen until the inspector chooses: no default that could be saved unseen.
 */
export function PointPicker({ id, max, value, onChange }: { id: string; max: number; value: number | null; onChange: (v: number) => void }) {
  const choices = pointChoices(max)
  if (choices.length <= CHIP_LIMIT) {
    return (
      <View className='point-picker point-picker--chips' data-item={id}>
        {choices.map((c) => (
          <View key={c} className={`point-picker__chip${value === c ? ' point-picker__chip--on' : ''}`} onClick={() => onChange(c)}>
            {formatPoints(c)}
          </View>
        ))}
      </View>
    )
  }
  const step = (delta: number) => onChange(clampPoints(value === null ? (delta > 0 ? delta : 0) : value + delta, max))
  const shortcuts = [...new Set([0, max / 4, max / 2, (max * 3) / 4, max].map((v) => clampPoints(v, max)))]
  return (
    <View className='point-picker point-picker--stepper' data-item={id}>
      <View className='point-picker__row'>
        <View className='point-picker__step point-picker__minus' onClick={() => step(-0.5)}>
          −
        </View>
        <View className='point-picker__value'>
          {value === null ? <Text className='muted'>未评</Text> : <Text>{formatPoints(value)}</Text>}
          <Text className='point-picker__max'>/{formatPoints(max)}</Text>
        </View>
        <View className='point-picker__step point-picker__plus' onClick={() => step(0.5)}>
          +
        </View>
      </View>
      <View className='point-picker__shortcuts'>
        {shortcuts.map((c) => (
          <View key={c} className={`point-picker__chip point-picker__shortcut${value === c ? ' point-picker__chip--on' : ''}`} onClick={() => onChange(c)}>
            {c === max ? `满分${formatPoints(c)}` : formatPoints(c)}
          </View>
        ))}
      </View>
    </View>
  )
}
