import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { typeScale } from './scale'
import './index.css'

export { LARGE_TYPE, typeScale } from './scale'

/** Device storage key of the 大字 choice ('large' when on). */
export const TYPE_SIZE_KEY = 'type-size'

const listeners = new Set<(large: boolean) => void>()

function storedLarge(): boolean {
  try {
    return Taro.getStorageSync(TYPE_SIZE_KEY) === 'large'
  } catch {
    return false
  }
}

/** The switch, remembered on the device; every open page follows at once (H5 keeps earlier pages). */
export function setLargeType(large: boolean): void {
  try {
    if (large) Taro.setStorageSync(TYPE_SIZE_KEY, 'large')
    else Taro.removeStorageSync(TYPE_SIZE_KEY)
  } catch {
    // Storage full or refused: the choice holds for this visit.
  }
  for (const l of listeners) l(large)
}

let weapp: { fontSizeSetting?: number; windowWidth?: number } | null = null
function weappInfo() {
  if (!weapp) {
    try {
      const info = Taro.getSystemInfoSync() as { fontSizeSetting?: number; windowWidth?: number }
      weapp = { fontSizeSetting: info.fontSizeSetting, windowWidth: info.windowWidth }
    } catch {
      weapp = {}
    }
  }
  return weapp
}

/** The reader's type scale: whether 大字 is on, and the --ts a page applies. */
export function useTypeScale(): { large: boolean; scale: number; setLarge: (on: boolean) => void } {
  const [large, setLarge] = useState(storedLarge)
  useEffect(() => {
    listeners.add(setLarge)
    return () => {
      listeners.delete(setLarge)
    }
  }, [])
  const platform = process.env.TARO_ENV === 'weapp' ? 'weapp' : 'h5'
  const scale = typeScale({ large, platform, ...(platform === 'weapp' ? weappInfo() : {}) })
  return { large, scale, setLarge: setLargeType }
}

/** 字号: 标准 | 大字, two plain choices (the chosen one filled), each a full tap target. */
export function TypeSizeSwitch({ large, onChange }: { large: boolean; onChange: (large: boolean) => void }) {
  return (
    <View className='type-size'>
      <Text className='type-size__label'>字号</Text>
      <View
        className={`type-size__choice type-size__choice--standard${large ? '' : ' type-size__choice--on'}`}
        role='radio'
        aria-checked={!large}
        onClick={() => onChange(false)}
      >
        标准
      </View>
      <View
        className={`type-size__choice type-size__choice--large${large ? ' type-size__choice--on' : ''}`}
        role='radio'
        aria-checked={large}
        onClick={() => onChange(true)}
      >
        大字
      </View>
    </View>
  )
}

/** The switch on its own, for a page that places it below its banner. */
export function TypeSize() {
  const { large, setLarge } = useTypeScale()
  return <TypeSizeSwitch large={large} onChange={setLarge} />
}
