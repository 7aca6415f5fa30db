import { Button, Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { CAMPAIGN_STATUS_LABELS, closeConfirmation, defaultCampaignName, isRealDate, PHASE_NAMES } from '../../../core/campaigns'
import { QUESTIONNAIRE_STATUS_LABELS, type AnswerOf, type Campaign, type CampaignsContract, type InputIssue } from '../../../core/contract'
import type { Questionnaire } from '../../../core/questionnaire'
import { XlsxPicker } from '../../../components/xlsx-picker'
import { callCloud } from '../../../services/cloud-staff'
import { uploadToCloud, type PickedFile } from '../../../services/upload'
import { AdminPage, ErrorNote, LoadState, disabledWhen, useAdminScope } from '../shared/admin-page'
import { confirmAction, toast } from '../shared/dialogs'
import { ExportAction } from '../shared/export-file'
import { useCloudData } from '../shared/use-cloud-data'
import { QuestionnairePreview } from './preview'
import './index.css'

type Versions = AnswerOf<CampaignsContract, 'questionnaires'>['versions']
type PhaseDates = Record<string, { start: string; end: string }>

const REMOVED_LABELS = { contacts: '住户联系信息', visits: '走访记录', callbacks: '诉求回访电话', files: '上传和导出的表格' } as const

function PhasesCard({ campaign, county, onSaved }: { campaign: Campaign; county: boolean; onSaved: () => void }) {
  const [dates, setDates] = useState<PhaseDates>(() => Object.fromEntries(campaign.phases.map((p) => [p.key, { start: p.start, end: p.end }])))
  const [endsOn, setEndsOn] = useState(campaign.endsOn)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const open = campaign.status === 'current'
  const editable = county && open

  const save = async () => {
    const bad = [...Object.values(dates).flatMap((d) => [d.start, d.end]), endsOn].find((d) => !isRealDate(d))
    if (bad !== undefined) return setError(`日期“${bad}”不对，请按“2026-08-20”的格式填写`)
    setBusy(true)
    setError(null)
    const res = await callCloud('campaigns', { action: 'savePhases', year: campaign.year, endsOn, phases: campaign.phases.map((p) => ({ key: p.key, ...dates[p.key] })) })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    toast('已保存')
    onSaved()
  }

  const set = (key: string, side: 'start' | 'end', value: string) => setDates((d) => ({ ...d, [key]: { ...d[key], [side]: value.trim() } }))
  return (
    <View className='card'>
      <View className='card__title'>
        {campaign.name}
        <Text className={`campaigns__status campaigns__status--${campaign.status}`}>{CAMPAIGN_STATUS_LABELS[campaign.status]}</Text>
      </View>
      <View className='admin__note'>
        {campaign.year}年 · 问卷版本 {campaign.questionnaireVersion}
      </View>
      {campaign.phases.map((p) => (
        <View key={p.key} className='campaigns__phase'>
          <View className='campaigns__phase-name'>{PHASE_NAMES[p.key]}</View>
          {editable ? (
            <View className='campaigns__dates'>
              <Input className={`admin__input campaigns__date campaigns__date--${p.key}-start`} value={dates[p.key].start} maxlength={10} onInput={(e) => set(p.key, 'start', e.detail.value)} />
              <Text>至</Text>
              <Input className={`admin__input campaigns__date campaigns__date--${p.key}-end`} value={dates[p.key].end} maxlength={10} onInput={(e) => set(p.key, 'end', e.detail.value)} />
            </View>
          ) : (
            <View className='campaigns__dates'>
              {p.start} 至 {p.end}
            </View>
          )}
        </View>
      ))}
      <View className='campaigns__phase'>
        <View className='campaigns__phase-name'>工作结束</View>
        {editable ? (
          <Input className='admin__input campaigns__date campaigns__date--ends' value={endsOn} maxlength={10} onInput={(e) => setEndsOn(e.detail.value.trim())} />
        ) : (
          <View className='campaigns__dates'>{campaign.endsOn}</View>
        )}
      </View>
      <View className='admin__note'>{campaign.deletionNotice}</View>
      <ErrorNote message={error} />
      {editable && (
        <Button className='btn btn--primary' disabled={disabledWhen(busy)} onClick={save}>
          {busy ? '正在保存…' : '保存日期'}
        </Button>
      )}
    </View>
  )
}

/** One refusal of a workbook: its place (sheet, row, column) and what to fix. */
function IssueList({ issues }: { issues: InputIssue[] }) {
  return (
    <View className='campaigns__issues'>
      {issues.map((i, k) => (
        <View key={k} className='campaigns__issue'>
          {i.sheet ? `${i.sheet}表第${i.row}行${i.column ? `（${i.column}列）` : ''}：` : ''}
          {i.message}
        </View>
      ))}
    </View>
  )
}

/** Import a workbook as a draft, see every question with its skip rule, then make it the year's. */
function ImportCard({ campaign, onChanged }: { campaign: Campaign; onChanged: () => void }) {
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [issues, setIssues] = useState<InputIssue[]>([])
  const [draft, setDraft] = useState<{ questionnaire: Questionnaire; status: string; created: boolean } | null>(null)

  const picked = async (file: PickedFile) => {
    setError(null)
    setIssues([])
    setDraft(null)
    setBusy('正在上传…')
    const prepared = await callCloud('campaigns', { action: 'prepareImport' })
    if (!prepared.ok) {
      setBusy(null)
      return setError(prepared.message)
    }
    const uploaded = await uploadToCloud(prepared.data.cloudPath, file)
    if (!uploaded.ok) {
      setBusy(null)
      return setError(uploaded.message)
    }
    setBusy('正在读取问卷…')
    const res = await callCloud('campaigns', { action: 'importQuestionnaire', fileID: uploaded.data.fileID })
    setBusy(null)
    if (!res.ok) {
      setError(res.message)
      return setIssues(res.issues?.filter((i) => i.sheet) ?? [])
    }
    setDraft({ questionnaire: res.data.questionnaire, status: res.data.status, created: res.data.created })
    onChanged()
  }

  const use = async () => {
    if (!draft) return
    const v = draft.questionnaire.version
    const ok = await confirmAction('启用问卷', `启用后，居民练习和干部模拟民调将使用问卷版本 ${v}（${campaign.year}年）。已开始作答的问卷不受影响。`, '启用')
    if (!ok) return
    setBusy('正在启用…')
    const res = await callCloud('campaigns', { action: 'useQuestionnaire', year: campaign.year, version: v })
    setBusy(null)
    if (!res.ok) return setError(res.message)
    toast('已启用')
    setDraft(null)
    onChanged()
  }

  return (
    <View className='card'>
      <View className='card__title'>导入问卷（XLSForm）</View>
      <View className='admin__note'>
        Excel工作簿含 survey（题目）、choices（选项）、settings（标题、版本、指标）三张表，格式见导出的问卷中的“说明”表。导入后先预览，确认每道题的显示条件无误再启用。
      </View>
      <ErrorNote message={error} />
      {issues.length > 0 && <IssueList issues={issues} />}
      <XlsxPicker label='选择问卷表格' busyLabel={busy ?? ''} busy={busy !== null} onPicked={picked} onError={setError} />
      {draft && (
        <View className='campaigns__draft'>
          <View className='campaigns__draft-title'>
            {draft.created ? '已导入，待启用' : '这份问卷之前已导入，内容相同'}：版本 {draft.questionnaire.version}
          </View>
          <QuestionnairePreview questionnaire={draft.questionnaire} />
          {campaign.status === 'current' && draft.questionnaire.version !== campaign.questionnaireVersion && (
            <Button className='btn btn--primary' disabled={disabledWhen(busy !== null)} onClick={use}>
              设为{campaign.year}年问卷
            </Button>
          )}
        </View>
      )}
    </View>
  )
}

function VersionsCard({ campaign, county, version, onChanged }: { campaign: Campaign; county: boolean; version: number; onChanged: () => void }) {
  const versions = useCloudData(() => callCloud('campaigns', { action: 'questionnaires' }), `versions|${version}`)
  const [shown, setShown] = useState<string | null>(null)
  const preview = useCloudData(
    () => (shown ? callCloud('campaigns', { action: 'questionnaire', version: shown }) : Promise.resolve({ ok: true as const, data: null })),
    `preview|${shown ?? ''}`
  )
  const [error, setError] = useState<string | null>(null)

  const use = async (v: string) => {
    if (!(await confirmAction('启用问卷', `启用后，居民练习和干部模拟民调将使用问卷版本 ${v}（${campaign.year}年）。`, '启用'))) return
    const res = await callCloud('campaigns', { action: 'useQuestionnaire', year: campaign.year, version: v })
    if (!res.ok) return setError(res.message)
    toast('已启用')
    onChanged()
  }

  return (
    <View className='card'>
      <View className='card__title'>问卷版本</View>
      <LoadState what='问卷版本' loading={versions.loading && !versions.data} error={versions.error} onRetry={versions.reload} />
      <ErrorNote message={error} />
      {versions.data?.versions.map((v: Versions[number]) => (
        <View key={v.version} className='campaigns__version'>
          <View className='admin__row'>
            <Text className='campaigns__version-name'>
              {v.version} · {v.title}
            </Text>
            <Text className='muted'>{QUESTIONNAIRE_STATUS_LABELS[v.status]}</Text>
          </View>
          <View className='admin__note'>
            {v.questions}题{v.usedBy.length ? ` · ${v.usedBy.join('、')}年使用` : ''}
            {v.version === campaign.questionnaireVersion ? ' · 当前使用' : ''}
          </View>
          <View className='campaigns__actions'>
            <Button className='btn btn--small' onClick={() => setShown(shown === v.version ? null : v.version)}>
              {shown === v.version ? '收起预览' : '预览'}
            </Button>
            <ExportAction
              label='导出Excel'
              fileName={`问卷${v.version}.xlsx`}
              run={async () => {
                const res = await callCloud('campaigns', { action: 'exportQuestionnaire', version: v.version })
                return res.ok ? { ok: true, data: { fileID: res.data.fileID, tempFileURL: res.data.tempFileURL, rows: v.questions } } : res
              }}
            />
            {county && campaign.status === 'current' && v.version !== campaign.questionnaireVersion && (
              <Button className='btn btn--small' onClick={() => use(v.version)}>
                设为{campaign.year}年问卷
              </Button>
            )}
          </View>
          {shown === v.version && (
            <View>
              <LoadState what='问卷' loading={preview.loading && !preview.data} error={preview.error} onRetry={preview.reload} />
              {preview.data && <QuestionnairePreview questionnaire={preview.data.questionnaire} />}
            </View>
          )}
        </View>
      ))}
    </View>
  )
}

/** Closing: what goes and what stays, the sentence to type, and what was removed. */
function CloseCard({ campaign, onClosed }: { campaign: Campaign; onClosed: () => void }) {
  const [typed, setTyped] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const sentence = closeConfirmation(campaign.year)

  const close = async () => {
    if (typed.trim() !== sentence) return setError(`请输入“${sentence}”`)
    if (!(await confirmAction('关闭测评', `将删除${campaign.year}年的住户联系信息、走访记录、诉求回访电话和上传导出的表格，无法恢复。`, '关闭'))) return
    setBusy(true)
    setError(null)
    const res = await callCloud('campaigns', { action: 'close', year: campaign.year, confirm: typed.trim() })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    toast('已关闭')
    onClosed()
  }

  return (
    <View className='card'>
      <View className='card__title'>测评结束：关闭本年度</View>
      <View className='campaigns__text'>
        测评工作结束后关闭本年度：排名、督查记录、民意指标和诉求统计保留（只读）；登记的住户姓名电话、走访记录、群众诉求的回访电话、上传和导出的表格全部删除（个人信息保护法第十九条），不能恢复。关闭后不能再登记、走访或答题，直到开始新的测评年度。
      </View>
      {campaign.status === 'closing' && <View className='error-box admin__error'>上次关闭没有完成，请再次关闭以完成删除。</View>}
      <View className='admin__label'>请输入“{sentence}”确认</View>
      <Input className='admin__input campaigns__confirm' value={typed} maxlength={20} placeholder={sentence} onInput={(e) => setTyped(e.detail.value)} />
      <ErrorNote message={error} />
      <Button className='btn btn--primary' disabled={disabledWhen(busy || typed.trim() !== sentence)} onClick={close}>
        {busy ? '正在关闭…' : `关闭${campaign.year}年测评`}
      </Button>
    </View>
  )
}

function CreateCard({ campaign, version, onCreated }: { campaign: Campaign; version: number; onCreated: () => void }) {
  const versions = useCloudData(() => callCloud('campaigns', { action: 'questionnaires' }), `versions|${version}`)
  const [year, setYear] = useState(String(campaign.year + 1))
  const [name, setName] = useState(defaultCampaignName(campaign.year + 1))
  const [chosen, setChosen] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const selectable = versions.data?.versions ?? []
  const picked = chosen ?? selectable[0]?.version ?? null

  const create = async () => {
    if (!/^\d{4}$/.test(year)) return setError('年度应为四位数字，如2026')
    if (!picked) return setError('请先导入本年度的问卷')
    if (!(await confirmAction('开始新的测评年度', `${year}年测评将使用问卷版本 ${picked}，开始后新的登记、走访和答题都记入${year}年。`, '开始'))) return
    setBusy(true)
    setError(null)
    const res = await callCloud('campaigns', { action: 'create', year: Number(year), name, questionnaireVersion: picked })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    toast('已开始')
    onCreated()
  }

  return (
    <View className='card'>
      <View className='card__title'>开始新的测评年度</View>
      <View className='admin__note'>各阶段日期按上一年度顺延，开始后可以修改。各村(社区)任务数沿用现有设置，可在“乡镇管理”中调整。</View>
      <View className='admin__label'>年度</View>
      <Input className='admin__input campaigns__year' type='number' value={year} maxlength={4} onInput={(e) => setYear(e.detail.value.trim())} />
      <View className='admin__label'>名称</View>
      <Input className='admin__input' value={name} maxlength={40} onInput={(e) => setName(e.detail.value)} />
      <View className='admin__label'>问卷版本</View>
      <View className='admin__segments'>
        {selectable.map((v) => (
          <View key={v.version} className={`admin__segment${v.version === picked ? ' admin__segment--on' : ''}`} onClick={() => setChosen(v.version)}>
            {v.version}
          </View>
        ))}
      </View>
      <ErrorNote message={error} />
      <Button className='btn btn--primary' disabled={disabledWhen(busy)} onClick={create}>
        {busy ? '正在开始…' : `开始${year}年测评`}
      </Button>
    </View>
  )
}

function CampaignsView() {
  const { county } = useAdminScope()
  // Bumped by every change, so the cards that load on their own load again.
  const [version, setVersion] = useState(0)
  // One key: the campaigns stay on screen while they reload (a card's own state, an import's preview, survives).
  const list = useCloudData(() => callCloud('campaigns', { action: 'list' }), 'campaigns')
  const changed = () => {
    list.reload()
    setVersion((v) => v + 1)
  }
  const campaigns = list.data?.campaigns ?? []
  const current = campaigns.find((c) => c.year === list.data?.current)
  const past = campaigns.filter((c) => c !== current)
  return (
    <View className='campaigns'>
      <LoadState what='测评年度' loading={list.loading && !list.data} error={list.error} onRetry={list.reload} />
      {current && <PhasesCard key={JSON.stringify([current.year, current.status, current.phases, current.endsOn])} campaign={current} county={county} onSaved={changed} />}
      {current && county && <ImportCard campaign={current} onChanged={changed} />}
      {current && <VersionsCard campaign={current} county={county} version={version} onChanged={changed} />}
      {current && county && current.status !== 'closed' && <CloseCard campaign={current} onClosed={changed} />}
      {current && county && current.status === 'closed' && <CreateCard campaign={current} version={version} onCreated={changed} />}
      {past.length > 0 && (
        <View className='card'>
          <View className='card__title'>往年测评</View>
          {past.map((c) => (
            <View key={c.year} className='campaigns__past'>
              <View>
                {c.name}（{CAMPAIGN_STATUS_LABELS[c.status]}，问卷 {c.questionnaireVersion}）
              </View>
              <View className='admin__note'>{c.deletionNotice}</View>
              {c.removed && (
                <View className='admin__note'>
                  已删除：
                  {(Object.keys(REMOVED_LABELS) as (keyof typeof REMOVED_LABELS)[]).map((k) => `${REMOVED_LABELS[k]} ${c.removed![k]}`).join('，')}
                </View>
              )}
            </View>
          ))}
        </View>
      )}
      {current?.removed && current.status === 'closed' && (
        <View className='card'>
          <View className='card__title'>{current.year}年已删除的个人信息</View>
          {(Object.keys(REMOVED_LABELS) as (keyof typeof REMOVED_LABELS)[]).map((k) => (
            <View key={k} className='admin__row'>
              <Text>{REMOVED_LABELS[k]}</Text>
              <Text>{current.removed![k]}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}

/** 测评年度: the campaign's phases, its questionnaire versions (import, preview, export), closing and a new year. */
export default function CampaignsPage() {
  return (
    <AdminPage current='campaigns' townless>
      <CampaignsView />
    </AdminPage>
  )
}
