import { Picker, Text, View } from '@tarojs/components'

/**
 * One of `choices`, or none: `noneLabel` says what none means here ("全部村(社区)" for a filter,
 * "请选择村(社区)" where one is required). Without `noneLabel` one must be chosen.
 */
export function OptionSelect({
  value,
  choices,
  noneLabel,
  className,
  onChange
}: {
  value: string | null
  choices: readonly string[]
  noneLabel?: string
  className?: string
  onChange: (v: string | null) => void
}) {
  const range = noneLabel === undefined ? [...choices] : [noneLabel, ...choices]
  const offset = noneLabel === undefined ? 0 : 1
  const at = value === null ? -1 : choices.indexOf(value)
  return (
    <Picker
      mode='selector'
      range={range}
      value={at < 0 ? 0 : at + offset}
      onChange={(e) => {
        const index = Number(e.detail.value) - offset
        onChange(index >= 0 ? (choices[index] ?? null) : null)
      }}
    >
      <View className={`admin__field${className ? ` ${className}` : ''}`}>
        <Text>{value ?? noneLabel ?? '请选择'}</Text>
        <Text className='admin__field-change'>点此选择</Text>
      </View>
    </Picker>
  )
}
