import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { CONTACT_SHEET } from '../../../core/contract'
import { callCloud } from '../../../services/cloud-staff'
import { CadreGate, type Cadre } from '../components/cadre-gate'
import { disabledIf } from '../shared/disabled'
import './index.css'

interface Exported {
  fileID: string
  tempFileURL: string
  rows: number
}

const H5 = process.env.TARO_ENV === 'h5'

/**
 * WeChat: the file is fetched by its signed link and opened with the share menu, so it can be sent in a
 * chat; should the link's domain not be allowed for downloads, the cloud SDK fetches it by its fileID.
 */
async function openOnPhone(file: Exported): Promise<void> {
  let filePath: string
  try {
    const res = await Taro.downloadFile({ url: file.tempFileURL })
    if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`)
    filePath = res.tempFilePath
  } catch {
    filePath = (await Taro.cloud.downloadFile({ fileID: file.fileID })).tempFilePath
  }
  await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })
}

/** The cadre's own households as a 附件2 sheet, full numbers included (the whole village's is for admins): made on demand, and every export is recorded. */
function Exporter({ cadre }: { cadre: Cadre }) {
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [file, setFile] = useState<Exported | null>(null)
  const inFlight = useRef(false)

  const run = async () => {
    if (inFlight.current) return
    inFlight.current = true
    setSending(true)
    setError(null)
    setFile(null)
    const res = await callCloud('contacts', { action: 'exportXlsx' })
    if (!res.ok) {
      inFlight.current = false
      setSending(false)
      return setError(res.message)
    }
    setFile(res.data)
    if (!H5) {
      try {
        await openOnPhone(res.data)
      } catch {
        setError('表格已生成，但没能打开，请点“再次打开”重试')
      }
    }
    inFlight.current = false
    setSending(false)
  }

  return (
    <View className='export'>
      <View className='card'>
        <View className='card__title'>导出我负责的住户</View>
        <View className='export__text'>
          导出{cadre.village}由您负责的住户（全村的表由管理员导出），格式与附件2《{CONTACT_SHEET.title}》相同，电话号码是完整的。
        </View>
        <View className='export__warning'>
          每次导出都会被记录（谁、什么时间、多少户）。表格含居民完整号码，只发给需要的人，不要转发到群聊；测评结束后请删除。
        </View>
        {error && <View className='error-box export__error'>{error}</View>}
        <Button className='btn btn--primary' disabled={disabledIf(sending)} onClick={run}>
          {sending ? '正在生成表格…' : file ? '重新导出' : '导出Excel表格'}
        </Button>
      </View>
      {file && (
        <View className='card export__done'>
          <View className='export__rows'>已导出 {file.rows} 户</View>
          {file.rows === 0 && <View className='export__text'>您还没有负责的住户，表格只有表头。</View>}
          {H5 ? (
            <View>
              <a className='btn btn--secondary export__link' href={file.tempFileURL} download={`${cadre.village}电话号码收集表.xlsx`}>
                下载表格
              </a>
              <View className='export__text'>下载链接30分钟内有效。</View>
            </View>
          ) : (
            <Button className='btn btn--secondary' disabled={disabledIf(sending)} onClick={() => openOnPhone(file).catch(() => setError('没能打开表格，请重新导出'))}>
              再次打开
            </Button>
          )}
        </View>
      )}
    </View>
  )
}

export default function ExportPage() {
  return <CadreGate>{(cadre) => <Exporter cadre={cadre} />}</CadreGate>
}
