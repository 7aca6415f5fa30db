import { useEffect } from 'react'
import { UNDISCLOSED_VILLAGE } from '../../core/contract/survey'
import { VILLAGE_TYPE } from '../../core/towns'
import type { VillageChoice } from '../../services/draft'
import { useTownUnits } from '../../services/towns'
import { ChoiceField } from '../choice-field'

/**
 * Optional: the village a practising resident lives in, among their town's units (towns.units), so
 * each village can see its own picture. "不愿透露" first: it is the default and saying nothing is
 * always fine. A village the town no longer has (a draft from before) falls back to it.
 */
export function VillagePicker({ town, value, onChange }: { town: string; value: VillageChoice; onChange: (v: VillageChoice) => void }) {
  const units = useTownUnits(town)
  // Where a resident lives: a village (村/社区), not the school, hospital or station the town also inspects.
  const names = (units.data ?? []).filter((u) => u.active && (u.type ?? VILLAGE_TYPE) === VILLAGE_TYPE).map((u) => u.name)
  const choices = [UNDISCLOSED_VILLAGE, ...names]
  const unknown = units.data !== null && value !== UNDISCLOSED_VILLAGE && !names.includes(value)
  useEffect(() => {
    if (unknown) onChange(UNDISCLOSED_VILLAGE)
  }, [unknown, onChange])
  return (
    <ChoiceField
      className='village-picker'
      label={`您所在的村(社区)（${town}，可不填）`}
      choices={choices}
      value={unknown ? UNDISCLOSED_VILLAGE : value}
      onChange={onChange}
      note={units.error ? '村(社区)列表暂时无法加载，可以不填直接提交。' : undefined}
    />
  )
}
