import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { useState } from 'react'
import type { Result } from '../../../core/contract'
import { confirmAction } from './dialogs'
import { ErrorNote, disabledWhen } from './admin-page'

/** What every export answers (contacts.exportXlsx, stats.exportRanking). */
export interface ExportedFile {
  fileID: string
  tempFileURL: string
  rows: number
}

/** Contacts exports hold residents' full numbers: said before the file is made. */
export const CONTACTS_EXPORT_WARNING = {
  title: '导出联系人',
  content: '表格含居民姓名和完整电话号码，仅用于本次综治民调工作。导出会记入操作日志；请妥善保管，不要转发到无关群聊，活动结束后统一清除。'
}

/**
 * WeChat: download the sheet and open it in the phone's viewer, whose menu forwards it to a chat or
 * saves it. (The link itself expires; the file stays in cloud storage until the purge.)
 */
async function openOnPhone(url: string): Promise<string | null> {
  try {
    const dl = await Taro.downloadFile({ url })
    if (dl.statusCode !== 200) return `下载失败（${dl.statusCode}），请重试`
    await Taro.openDocument({ filePath: dl.tempFilePath, fileType: 'xlsx', showMenu: true })
    return null
  } catch {
    return '无法打开表格，请重试'
  }
}

/**
 * A button that makes an export, then opens it (WeChat) or offers its link (H5). `warning`, when
 * given, is asked before anything is made: exports of contacts hold residents' full numbers.
 */
export function ExportAction({
  label,
  fileName,
  warning,
  run
}: {
  label: string
  fileName: string
  warning?: { title: string; content: string }
  run: () => Promise<Result<ExportedFile>>
}) {
  const [busy, setBusy] = useState(false)
  const [file, setFile] = useState<ExportedFile | null>(null)
  const [error, setError] = useState<string | null>(null)

  const go = async () => {
    if (warning && !(await confirmAction(warning.title, warning.content, '导出'))) return
    setBusy(true)
    setError(null)
    setFile(null)
    const res = await run()
    setBusy(false)
    if (!res.ok) return setError(res.message)
    setFile(res.data)
    if (process.env.TARO_ENV === 'weapp') setError(await openOnPhone(res.data.tempFileURL))
  }

  return (
    <View className='export-action'>
      <Button className='btn btn--secondary' disabled={disabledWhen(busy)} onClick={go}>
        {busy ? '正在导出…' : label}
      </Button>
      <ErrorNote message={error} />
      {file && (
        <View className='export-action__done'>
          <View>已导出 {file.rows} 行。下载链接有时效，过期请重新导出。</View>
          {process.env.TARO_ENV === 'h5' ? (
            <a className='admin__link' href={file.tempFileURL} download={fileName} target='_blank' rel='noreferrer'>
              下载 {fileName}
            </a>
          ) : (
            <Button className='btn btn--small' onClick={() => openOnPhone(file.tempFileURL).then(setError)}>
              再次打开
            </Button>
          )}
        </View>
      )}
    </View>
  )
}
