import { Image, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { PHOTO_MAX } from '../../../../core/contract'
import { takePhotos, type TakenPhoto } from '../../shared/photos'
import './index.css'

/**
 * An item's photos: optional, always (国办函〔2026〕12号: no unit is required to upload work photos).
 * Up to PHOTO_MAX, each removable before saving.
 */
export function ItemPhotos({ photos, onChange }: { photos: TakenPhoto[]; onChange: (p: TakenPhoto[]) => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const add = async () => {
    if (busy || photos.length >= PHOTO_MAX) return
    setBusy(true)
    setError(null)
    const res = await takePhotos(PHOTO_MAX - photos.length)
    setBusy(false)
    if (!res.ok) return setError(res.message)
    onChange([...photos, ...res.data].slice(0, PHOTO_MAX))
  }
  return (
    <View className='item-photos'>
      <View className='item-photos__row'>
        {photos.map((p) => (
          <View key={p.fileID} className='item-photos__photo'>
            <Image className='item-photos__image' src={p.preview} mode='aspectFill' />
            <Text className='item-photos__remove' onClick={() => onChange(photos.filter((x) => x.fileID !== p.fileID))}>
              删除
            </Text>
          </View>
        ))}
        {photos.length < PHOTO_MAX && (
          <View className='item-photos__add' onClick={add}>
            {busy ? '正在上传…' : '＋照片'}
          </View>
        )}
      </View>
      <View className='muted item-photos__note'>照片可拍可不拍，最多{PHOTO_MAX}张。</View>
      {error && <View className='error-box inspector__error'>{error}</View>}
    </View>
  )
}
