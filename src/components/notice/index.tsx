import { Button, View } from '@tarojs/components'
import { useEffect, useState, type ReactNode } from 'react'
import { revealById } from './reveal'

export { revealById } from './reveal'

export type NoticeTone = 'error' | 'ok' | 'info' | 'warn'

let serial = 0

/**
 * One message, put where the eyes are: each time it is shown (`message`, or `shownAt` when given) the page moves just
 * enough to show it, so an error or a confirmation is never left above the screen. With `onRetry` it
 * carries the way to try again.
 */
export function Notice({
  tone,
  message,
  shownAt,
  onRetry,
  retryLabel = '重试',
  className,
  children
}: {
  tone: NoticeTone
  message: ReactNode | null
  /** Changes each time the same message is given again (a second failed tap), to reveal it again. */
  shownAt?: number
  onRetry?: () => void
  retryLabel?: string
  className?: string
  children?: ReactNode
}) {
  const [id] = useState(() => `notice-${++serial}`)
  const shown = message !== null && message !== undefined && message !== false && message !== ''
  // With `shownAt`, only a new showing moves the page (a message that follows typing does not).
  const showing = shownAt ?? message
  useEffect(() => {
    if (shown) revealById(id)
  }, [shown, showing, id])
  if (!shown) return null
  return (
    <View id={id} className={`notice notice--${tone}${className ? ` ${className}` : ''}`} role={tone === 'error' ? 'alert' : 'status'}>
      <View className='notice__text'>{message}</View>
      {children}
      {onRetry && (
        <Button className='btn btn--secondary notice__retry' onClick={onRetry}>
          {retryLabel}
        </Button>
      )}
    </View>
  )
}
