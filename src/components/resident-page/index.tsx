import { View } from '@tarojs/components'
import type { CSSProperties, ReactNode } from 'react'
import { TypeSizeSwitch, useTypeScale } from '../type-size'

/**
 * The frame of every resident page: the reader's type scale (--ts: 大字, and in WeChat the phone's font
 * setting) applied to everything inside, and the 字号 switch at the top.
 */
export function ResidentPage({ className, children, switchAt = 'top' }: { className: string; children: ReactNode; switchAt?: 'top' | 'none' }) {
  const { large, scale, setLarge } = useTypeScale()
  const style = { '--ts': String(scale) } as CSSProperties
  return (
    <View className={`type-scale ${className}${large ? ' type-scale--large' : ''}`} style={style}>
      {switchAt === 'top' && <TypeSizeSwitch large={large} onChange={setLarge} />}
      {children}
    </View>
  )
}
