import { Button, View } from '@tarojs/components'

/** Loading and failure of what a card shows, with a retry. Renders nothing once loaded. */
export function LoadNote({ loading, error, onRetry, what }: { loading: boolean; error: string | null; onRetry: () => void; what: string }) {
  if (error) {
    return (
      <View className='card'>
        <View className='error-box inspector__error'>
          {what}加载失败：{error}
        </View>
        <Button className='btn btn--secondary' onClick={onRetry}>
          重试
        </Button>
      </View>
    )
  }
  if (loading) return <View className='card inspector__wait muted'>正在读取{what}…</View>
  return null
}
