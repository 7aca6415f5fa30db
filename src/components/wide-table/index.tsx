import Taro from '@tarojs/taro'
import { ScrollView, View } from '@tarojs/components'
import { useEffect, useState, type ReactNode } from 'react'
import './index.css'

let serial = 0

/** Whether the table is wider than its box, measured after each render (and on H5 after a resize). */
function useOverflow(id: string): boolean {
  const [over, setOver] = useState(false)
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') {
      const measure = () => {
        const outer = typeof document === 'undefined' ? null : document.getElementById(id)
        if (outer) setOver(outer.scrollWidth > outer.clientWidth + 1)
      }
      measure()
      window.addEventListener('resize', measure)
      return () => window.removeEventListener('resize', measure)
    }
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .boundingClientRect()
      .select(`#${id}-inner`)
      .boundingClientRect()
      .exec((rects: ({ width: number } | null)[]) => {
        const [outer, inner] = rects
        if (outer && inner) setOver(inner.width > outer.width + 1)
      })
    return undefined
  })
  return over
}

/**
 * Every table of figures: it fits a 360px phone as laid out; when it cannot (a larger font, a
 * narrower phone) it scrolls sideways and says so above it, so no column is silently cut off.
 */
export function WideTable({ className, children }: { className?: string; children: ReactNode }) {
  const [id] = useState(() => `wide-table-${++serial}`)
  const over = useOverflow(id)
  return (
    <View className={`wide-table${className ? ` ${className}` : ''}`}>
      {over && <View className='wide-table__hint'>表格较宽：左右滑动可看到全部列 →</View>}
      <ScrollView scrollX className='wide-table__scroll' id={id}>
        <View className='wide-table__inner' id={`${id}-inner`}>
          {children}
        </View>
      </ScrollView>
    </View>
  )
}
