import Taro from '@tarojs/taro'
import { Button, Input, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { TownContent } from '../../../core/towns'
import { OpenLetter } from '../../../components/open-letter'
import { SloganList } from '../../../components/slogan-list'
import { chinaDateTime } from '../../../components/figures/format'
import { callCloud } from '../../../services/cloud-staff'
import { AdminPage, ErrorNote, LoadState, disabledWhen, useAdminScope } from '../shared/admin-page'
import { toast } from '../shared/dialogs'
import { useCloudData } from '../shared/use-cloud-data'
import { contentOf, formOf, problemsFromIssues, problemsOf, type ContentField, type ContentForm } from './form'
import './index.css'

const FIELDS: { key: ContentField; label: string; note?: string; multiline: boolean; maxlength: number }[] = [
  { key: 'title', label: '公开信标题（可不填）', multiline: false, maxlength: 40 },
  { key: 'body', label: '正文', note: '段与段之间空一行。以“——”开头的一段居中显示（副标题），以冒号结尾的短句作称呼。', multiline: true, maxlength: 3000 },
  { key: 'sender', label: '落款', note: '一行一个单位。', multiline: true, maxlength: 100 },
  { key: 'date', label: '日期', multiline: false, maxlength: 20 },
  { key: 'slogans', label: '宣传标语', note: '一行一条，每条不超过40个字，最多50条。', multiline: true, maxlength: 2100 }
]

function Editor({ town, initial, updatedAt }: { town: string; initial: TownContent; updatedAt: string | null }) {
  const [form, setForm] = useState<ContentForm>(() => formOf(initial))
  const [tried, setTried] = useState(false)
  const [refused, setRefused] = useState<Partial<Record<ContentField, string>>>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [savedAt, setSavedAt] = useState<string | null>(null)
  const live = problemsOf(form)
  const problems = tried ? { ...refused, ...live } : refused
  const preview = contentOf(form)

  const set = (key: ContentField, value: string) => {
    setForm((f) => ({ ...f, [key]: value }))
    setRefused((r) => ({ ...r, [key]: undefined }))
    setError(null)
    setSavedAt(null)
  }

  const save = async () => {
    setTried(true)
    setError(null)
    const first = FIELDS.find((f) => live[f.key])
    if (first) {
      // The eyes are on the button: say what is wrong there, and bring the field up.
      setError(`${first.label.replace(/（.*）/, '')}：${live[first.key]}`)
      Taro.pageScrollTo({ selector: `.content__field--${first.key}`, duration: 200 }).catch(() => undefined)
      return
    }
    setBusy(true)
    const res = await callCloud('towns', { action: 'saveContent', town, letter: preview.letter, slogans: preview.slogans })
    setBusy(false)
    if (!res.ok) {
      setRefused(res.issues ? problemsFromIssues(res.issues) : {})
      return setError(res.message)
    }
    setSavedAt(new Date().toISOString())
    toast('已保存')
  }

  return (
    <View className='content'>
      <View className='card'>
        <View className='card__title'>{town}的公开信和标语</View>
        <View className='admin__note'>
          居民在首页看到的内容。保存后立即生效，修改记入操作日志。{updatedAt ? `上次修改：${chinaDateTime(updatedAt)}。` : '还没有修改过（现在是初始内容）。'}
        </View>
        {FIELDS.map((f) => (
          <View key={f.key} className={`content__field content__field--${f.key}`}>
            <View className='admin__label'>{f.label}</View>
            {f.note && <View className='admin__note'>{f.note}</View>}
            {f.multiline ? (
              <Textarea
                className={`textarea content__textarea content__input--${f.key}`}
                value={form[f.key]}
                maxlength={f.maxlength}
                autoHeight
                onInput={(e) => set(f.key, e.detail.value)}
              />
            ) : (
              <Input className={`field content__input--${f.key}`} value={form[f.key]} maxlength={f.maxlength} onInput={(e) => set(f.key, e.detail.value)} />
            )}
            {problems[f.key] && <View className='error-box admin__error content__problem'>{problems[f.key]}</View>}
          </View>
        ))}
        <ErrorNote message={error} />
        {savedAt && <View className='content__saved'>已保存，居民打开首页即可看到新的内容。</View>}
        <Button className='btn btn--primary content__save' disabled={disabledWhen(busy)} onClick={save}>
          {busy ? '正在保存…' : '保存'}
        </Button>
      </View>
      <View className='content__preview-title'>预览：居民看到的样子</View>
      <View className='content__preview'>
        <OpenLetter letter={preview.letter} />
        <SloganList slogans={preview.slogans} />
      </View>
    </View>
  )
}

function ContentView() {
  const { town } = useAdminScope()
  const loaded = useCloudData(() => callCloud('towns', { action: 'content', town }), `content|${town}`)
  if (!loaded.data) {
    return (
      <View className='card'>
        <LoadState what='公开信' loading={loaded.loading} error={loaded.error} onRetry={loaded.reload} />
      </View>
    )
  }
  // A new editor for each town: one town's half-typed text never lands in another's.
  return <Editor key={town} town={town} initial={loaded.data} updatedAt={loaded.data.updatedAt} />
}

/** A town's open letter and slogans: edited by its admins (or a county admin), with a live preview. */
export default function ContentPage() {
  return (
    <AdminPage current='content'>
      <ContentView />
    </AdminPage>
  )
}
