import { View } from '@tarojs/components'
import { useTowns } from '../../../services/towns'
import { OptionSelect } from './option-select'

/** A county admin's choice of the town (乡镇/街道) the page works on. */
export function TownSelect({ value, onChange }: { value: string; onChange: (town: string) => void }) {
  const towns = useTowns()
  const names = towns.data ?? [value]
  return (
    <View className='town-select'>
      <OptionSelect className='town-select__field' value={value} choices={names.includes(value) ? names : [value, ...names]} onChange={(t) => t && onChange(t)} />
      {towns.error && <View className='error-box admin__error'>乡镇(街道)列表加载失败：{towns.error}</View>}
    </View>
  )
}
