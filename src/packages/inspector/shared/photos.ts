import Taro from '@tarojs/taro'
import { failure, type Result } from '../../../core/contract'
import { callCloud } from '../../../services/cloud-staff'
import { uploadToCloud, type PickedFile } from '../../../services/upload'

export interface TakenPhoto {
  fileID: string
  /** What the phone can show (its temporary file; a blob URL in the H5 build). */
  preview: string
}

/** A photo from the camera or the album, compressed; null when the inspector cancels. */
async function choosePhotos(count: number): Promise<{ picked: PickedFile; preview: string }[] | null> {
  try {
    const res = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['camera', 'album'], sizeType: ['compressed'] })
    return res.tempFiles.map((f, i) => {
      const file = (f as { originalFileObj?: Blob }).originalFileObj
      const picked: PickedFile = file ? { name: `photo-${i}.jpg`, size: f.size, file } : { name: `photo-${i}.jpg`, size: f.size, path: f.tempFilePath }
      return { picked, preview: f.tempFilePath }
    })
  } catch (error) {
    if (/cancel|abort/i.test(String((error as { errMsg?: string })?.errMsg ?? error))) return null
    throw error
  }
}

/**
 * Uploads one photo where `inspections.preparePhoto` says (under the caller's own folder, registered
 * first, so a photo never attached to a score is found and deleted).
 */
async function uploadPhoto(picked: PickedFile): Promise<Result<{ fileID: string }>> {
  const slot = await callCloud('inspections', { action: 'preparePhoto' } as { action: 'preparePhoto' })
  if (!slot.ok) return slot
  return uploadToCloud(slot.data.cloudPath, picked)
}

/** Takes up to `count` photos and uploads them; the ones uploaded so far are kept if one fails. */
export async function takePhotos(count: number): Promise<Result<TakenPhoto[]>> {
  let chosen: Awaited<ReturnType<typeof choosePhotos>>
  try {
    chosen = await choosePhotos(count)
  } catch {
    return failure('INTERNAL', '无法打开相机或相册，请重试')
  }
  if (!chosen) return { ok: true, data: [] }
  const taken: TakenPhoto[] = []
  for (const c of chosen) {
    const up = await uploadPhoto(c.picked)
    if (!up.ok) return taken.length ? { ok: true, data: taken } : up
    taken.push({ fileID: up.data.fileID, preview: c.preview })
  }
  return { ok: true, data: taken }
}
