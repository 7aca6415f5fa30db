import { View } from '@tarojs/components'
import { useTownUnits } from '../../../services/towns'
import { OptionSelect } from './option-select'

/**
 * One of the town's active units (towns.units), or none: `noneLabel` says what none means here
 * ("全部村(社区)" for a filter, "请选择村(社区)" where one is required).
 */
export function VillageSelect({ town, value, noneLabel, onChange }: { town: string; value: string | null; noneLabel: string; onChange: (v: string | null) => void }) {
  const units = useTownUnits(town)
  const names = (units.data ?? []).filter((u) => u.active).map((u) => u.name)
  return (
    <View>
      <OptionSelect className='village-select' value={value} choices={names} noneLabel={noneLabel} onChange={onChange} />
      {units.error && <View className='error-box admin__error'>村(社区)列表加载失败：{units.error}</View>}
    </View>
  )
}
