import { ChoiceField } from '../choice-field'

/** The resident's town (乡镇/街道), chosen once on the home page and remembered on the device. */
export function TownPicker({ towns, value, onChange }: { towns: readonly string[]; value: string | null; onChange: (town: string) => void }) {
  return (
    <ChoiceField
      className='town-picker'
      label={value ? '您所在的乡镇(街道)' : '请先选择您所在的乡镇(街道)'}
      choices={towns}
      value={value}
      placeholder='请选择'
      onChange={onChange}
      note={value ? undefined : '选择后会记住，下次打开直接显示本乡镇(街道)的公开信。'}
    />
  )
}
