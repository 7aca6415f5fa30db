import { Button } from '@tarojs/components'
import { useRef, type ChangeEvent } from 'react'
import { chooseXlsxFromChat, xlsxProblem, type PickedFile } from '../../services/upload'

const H5 = process.env.TARO_ENV === 'h5'

/**
 * The button that picks one .xlsx: from a chat on WeChat (chooseMessageFile), from the computer's
 * files in the H5 build. A file that cannot be a sheet is refused before anything is uploaded.
 */
export function XlsxPicker({
  label,
  busyLabel,
  busy,
  className = 'btn btn--primary',
  onPicked,
  onError
}: {
  label: string
  busyLabel: string
  busy: boolean
  className?: string
  onPicked: (file: PickedFile) => void
  onError: (message: string) => void
}) {
  const input = useRef<HTMLInputElement>(null)
  const take = (picked: PickedFile) => {
    const problem = xlsxProblem(picked)
    if (problem) onError(problem)
    else onPicked(picked)
  }
  const choose = async () => {
    if (busy) return
    if (H5) return input.current?.click()
    try {
      const picked = await chooseXlsxFromChat()
      if (picked) take(picked)
    } catch {
      onError('无法打开聊天文件，请重试')
    }
  }
  const changed = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0]
    // The same file can be picked again after fixing it.
    e.target.value = ''
    if (file) take({ name: file.name, size: file.size, file })
  }
  return (
    <>
      <Button className={className} disabled={busy ? true : undefined} onClick={choose}>
        {busy ? busyLabel : label}
      </Button>
      {H5 && <input ref={input} className='xlsx-picker__file' type='file' accept='.xlsx' style={{ display: 'none' }} onChange={changed} />}
    </>
  )
}
