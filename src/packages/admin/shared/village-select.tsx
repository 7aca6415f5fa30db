import { Picker, Text, View } from '@tarojs/components'
import { VILLAGE_NAMES, type VillageName } from '../../../core/villages'

/**
 * One of the 23 villages, or none: `noneLabel` says what none means here ("全部村(社区)" for a filter,
 * "请选择村(社区)" where one is required).
 */
export function VillageSelect({ value, noneLabel, onChange }: { value: VillageName | null; noneLabel: string; onChange: (v: VillageName | null) => void }) {
  const choices = [noneLabel, ...VILLAGE_NAMES]
  return (
    <Picker
      mode='selector'
      range={choices}
      value={value ? choices.indexOf(value) : 0}
      onChange={(e) => {
        const index = Number(e.detail.value)
        onChange(index > 0 ? VILLAGE_NAMES[index - 1] : null)
      }}
    >
      <View className='admin__field village-select'>
        <Text>{value ?? noneLabel}</Text>
        <Text className='admin__field-change'>点此选择</Text>
      </View>
    </Picker>
  )
}
