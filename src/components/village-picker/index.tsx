import { Picker, Text, View } from '@tarojs/components'
import { UNDISCLOSED_VILLAGE } from '../../core/contract/survey'
import { VILLAGE_NAMES } from '../../core/villages'
import type { VillageChoice } from '../../services/draft'
import './index.css'

/** "不愿透露" first: it is the default and saying nothing is always fine. */
const CHOICES: readonly VillageChoice[] = [UNDISCLOSED_VILLAGE, ...VILLAGE_NAMES]

/** Optional: the village a practising resident lives in, so each village can see its own picture. */
export function VillagePicker({ value, onChange }: { value: VillageChoice; onChange: (v: VillageChoice) => void }) {
  return (
    <View className='village-picker'>
      <View className='village-picker__label'>您所在的村(社区)（可不填）</View>
      <Picker mode='selector' range={CHOICES as VillageChoice[]} value={CHOICES.indexOf(value)} onChange={(e) => onChange(CHOICES[Number(e.detail.value)] ?? UNDISCLOSED_VILLAGE)}>
        <View className='village-picker__field'>
          <Text>{value}</Text>
          <Text className='village-picker__change'>点此选择</Text>
        </View>
      </Picker>
    </View>
  )
}
