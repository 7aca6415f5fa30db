import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useEffect, useRef, useState, type ChangeEvent } from 'react'
import { CONTACT_SHEET, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, type ImportSkip } from '../../../core/contract'
import { callCloud } from '../../../services/cloud-staff'
import { chooseXlsxFromChat, uploadForImport, xlsxProblem, type PickedFile } from '../../../services/upload'
import { SkippedRows } from '../../../components/skipped-rows'
import { CadreGate, type Cadre } from '../components/cadre-gate'
import { ConsentBox } from '../components/consent-box'
import { IMPORT_CONSENT_REQUIRED, importConsentText } from '../shared/consent'
import { useCampaign } from '../../../services/questionnaire'
import { CADRE_PAGES } from '../shared/routes'
import { disabledIf } from '../shared/disabled'
import './index.css'

type Stage = 'idle' | 'uploading' | 'importing'

interface Outcome {
  file: string
  imported: number
  skipped: ImportSkip[]
}

const H5 = process.env.TARO_ENV === 'h5'

/** A filled-in 附件2 sheet: uploaded under the cadre's own folder, then read and registered by the server. */
function Importer({ cadre }: { cadre: Cadre }) {
  // What every resident was told names the current campaign's year.
  const { year } = useCampaign()
  const [consent, setConsent] = useState(false)
  const [consentError, setConsentError] = useState(false)
  const [stage, setStage] = useState<Stage>('idle')
  const [error, setError] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)

  // The outcome appears below the fold: bring it up.
  useEffect(() => {
    if (outcome) Taro.pageScrollTo({ selector: '.import__outcome', duration: 300 }).catch(() => undefined)
  }, [outcome])

  const run = async (picked: PickedFile) => {
    const problem = xlsxProblem(picked)
    if (problem) return setError(problem)
    setError(null)
    setOutcome(null)
    setStage('uploading')
    const uploaded = await uploadForImport(picked)
    if (!uploaded.ok) {
      setStage('idle')
      return setError(uploaded.message)
    }
    setStage('importing')
    const res = await callCloud('contacts', { action: 'importXlsx', fileID: uploaded.data.fileID, consent: true })
    setStage('idle')
    if (!res.ok) return setError(res.message)
    setOutcome({ file: picked.name, ...res.data })
    Taro.showToast({ title: `导入${res.data.imported}户`, icon: 'success' }).catch(() => undefined)
  }

  const choose = async () => {
    if (!consent) return setConsentError(true)
    if (stage !== 'idle') return
    if (H5) return fileInput.current?.click()
    try {
      const picked = await chooseXlsxFromChat()
      if (picked) await run(picked)
    } catch {
      setError('无法打开聊天文件，请重试')
    }
  }

  const picked = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0]
    // The same file can be picked again after fixing it.
    e.target.value = ''
    if (file) run({ name: file.name, size: file.size, file })
  }

  return (
    <View className='import'>
      <View className='card'>
        <View className='card__title'>表格格式（附件2）</View>
        <View className='import__text'>请使用《{CONTACT_SHEET.title}》的格式：前面可以有标题和“单位”行，表头为：</View>
        <View className='import__headers'>
          {CONTACT_SHEET.headers.map((h) => (
            <Text key={h} className='import__header'>
              {h}
            </Text>
          ))}
        </View>
        <View className='import__rules'>
          <View>· 每行一户，姓名和电话号码必填；号码可以带空格、横线或+86。</View>
          <View>· 包户责任人空着的行，记为您（{cadre.name}）。</View>
          <View>· 全部导入{cadre.village}；已经登记过的号码和表内重复的号码不会重复导入，会列出行号和原因。</View>
          <View>
            · 最多{IMPORT_MAX_ROWS}行、{IMPORT_MAX_BYTES / 1024 / 1024}MB；旧版 .xls 请先另存为 .xlsx。上传的表格读完即删除。
          </View>
          {!H5 && <View>· 先把表格发到微信（如“文件传输助手”），再点下面的按钮从聊天中选择。</View>}
        </View>
      </View>
      <View className='card'>
        <ConsentBox
          checked={consent}
          error={consentError ? IMPORT_CONSENT_REQUIRED : null}
          text={importConsentText(year)}
          onChange={(on) => {
            setConsent(on)
            setConsentError(false)
          }}
        />
        {error && <View className='error-box import__error'>{error}</View>}
        <Button className='btn btn--primary import__choose' disabled={disabledIf(stage !== 'idle')} onClick={choose}>
          {stage === 'uploading' ? '正在上传…' : stage === 'importing' ? '正在导入，请稍候…' : H5 ? '选择Excel文件导入' : '从微信聊天中选择表格'}
        </Button>
        {H5 && <input ref={fileInput} className='import__file' type='file' accept='.xlsx' style={{ display: 'none' }} onChange={picked} />}
      </View>
      {outcome && (
        <View className='card import__outcome'>
          <View className='import__imported'>导入{outcome.imported}户</View>
          <View className='import__file-name'>{outcome.file}</View>
          {outcome.skipped.length > 0 ? (
            <View>
              <SkippedRows skipped={outcome.skipped} />
              <View className='import__text'>改好这些行后，可以再导入一次：已导入的号码不会重复。</View>
            </View>
          ) : (
            <View className='import__text'>表格中的每一行都已导入。</View>
          )}
          <Button className='btn btn--secondary' onClick={() => Taro.navigateTo({ url: CADRE_PAGES.contacts })}>
            查看本村登记名单
          </Button>
        </View>
      )}
    </View>
  )
}

export default function ImportPage() {
  return <CadreGate>{(cadre) => <Importer cadre={cadre} />}</CadreGate>
}
