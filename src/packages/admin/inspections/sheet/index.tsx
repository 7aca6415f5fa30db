import { Button, Input, Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { FIGURE_SOURCES, FIGURE_SOURCE_LABELS, ITEM_KIND_LABELS, UNIT_TYPES, type FigureSource, type SheetItem, type UnitKind } from '../../../../core/contract'
import { chinaDateTime } from '../../../../components/figures/format'
import { formatPoints } from '../../../../components/figures/points'
import { callCloud } from '../../../../services/cloud-staff'
import { AdminPage, ErrorNote, LoadState, disabledWhen, useAdminScope } from '../../shared/admin-page'
import { confirmAction, toast } from '../../shared/dialogs'
import { OptionSelect } from '../../shared/option-select'
import { useCloudData } from '../../shared/use-cloud-data'
import { InspectionsNav } from '../shared/nav'
import './index.css'

/** An item being edited: its points as typed, so a half-typed "2." is not lost. */
interface Draft {
  key: number
  id: string
  name: string
  points: string
  kind: SheetItem['kind']
  source?: FigureSource
  hint: string
  /** Empty: every kind of unit. */
  types: UnitKind[]
}

const SOURCE_LABELS = FIGURE_SOURCES.map((s) => FIGURE_SOURCE_LABELS[s])

const toDraft = (item: SheetItem, key: number): Draft => ({ key, id: item.id, name: item.name, points: formatPoints(item.points), kind: item.kind, source: item.source, hint: item.hint ?? '', types: item.types ?? [] })

/** A typed number, or NaN so the contract refuses it in its own words ("分值应在0.5到100之间"). */
const typedPoints = (text: string) => (text.trim() === '' ? NaN : Number(text.trim()))

function freshId(drafts: Draft[]): string {
  const used = new Set(drafts.map((d) => d.id))
  let n = drafts.length + 1
  while (used.has(`item${n}`)) n++
  return `item${n}`
}

function ItemEditor({
  draft,
  index,
  count,
  open,
  onOpen,
  onChange,
  onMove,
  onRemove
}: {
  draft: Draft
  index: number
  count: number
  open: boolean
  onOpen: (open: boolean) => void
  onChange: (d: Partial<Draft>) => void
  onMove: (by: number) => void
  onRemove: () => void
}) {
  // Fifteen items on a phone: each is one line until it is edited.
  const head = (
    <View className='admin__row sheet__item-head' onClick={() => onOpen(!open)}>
      <Text className='sheet__item-number'>
        {index + 1}. {draft.name || '（未命名）'}
      </Text>
      <Text className='muted sheet__item-kind'>
        {ITEM_KIND_LABELS[draft.kind]} · {draft.points.trim() || '?'}分 {open ? '收起' : '编辑'}
      </Text>
    </View>
  )
  if (!open) {
    return (
      <View className='sheet__item' data-item={draft.id}>
        {head}
      </View>
    )
  }
  return (
    <View className='sheet__item sheet__item--open' data-item={draft.id}>
      {head}
      <View className='admin__label'>名称</View>
      <Input className='admin__input' name={`name-${draft.id}`} value={draft.name} maxlength={40} onInput={(e) => onChange({ name: e.detail.value })} />
      <View className='admin__label'>分值（满分）</View>
      <Input className='admin__input sheet__points' name={`points-${draft.id}`} type='digit' value={draft.points} onInput={(e) => onChange({ points: e.detail.value })} />
      <View className='admin__label'>评分方式</View>
      <View className='admin__segments'>
        {(['entered', 'figures'] as const).map((k) => (
          <View key={k} className={`admin__segment${draft.kind === k ? ' admin__segment--on' : ''}`} onClick={() => onChange({ kind: k })}>
            {k === 'entered' ? '督查现场录入' : '按工作数据计算'}
          </View>
        ))}
      </View>
      {draft.kind === 'figures' && (
        <View>
          <View className='admin__label'>工作数据来源</View>
          <OptionSelect
            value={draft.source ? FIGURE_SOURCE_LABELS[draft.source] : null}
            choices={SOURCE_LABELS}
            noneLabel='请选择'
            onChange={(label) => onChange({ source: FIGURE_SOURCES[SOURCE_LABELS.indexOf(label ?? '')] })}
          />
          <View className='admin__note'>得分 = 分值 × 该单位开轮时的比率；不适用的单位（如学校没有电话任务数）不计这一项。</View>
        </View>
      )}
      <View className='admin__label'>适用单位{draft.types.length === 0 ? '：全部类型' : ''}</View>
      <View className='sheet__types'>
        {UNIT_TYPES.map((t) => (
          <View
            key={t}
            className={`admin__segment sheet__type${draft.types.includes(t) ? ' admin__segment--on' : ''}`}
            onClick={() => onChange({ types: draft.types.includes(t) ? draft.types.filter((x) => x !== t) : UNIT_TYPES.filter((x) => x === t || draft.types.includes(x)) })}
          >
            {t}
          </View>
        ))}
      </View>
      <View className='admin__note'>不选即适用于全部单位；只选“村/社区”则其他单位不计这一项（如村村响）。</View>
      <View className='admin__label'>评分说明（可不填）</View>
      <Input className='admin__input' name={`hint-${draft.id}`} value={draft.hint} maxlength={200} placeholder='如：横幅2–5幅，每组标语5幅以上' onInput={(e) => onChange({ hint: e.detail.value })} />
      <View className='inspections__actions'>
        <Button className='btn btn--small inspections__action' disabled={disabledWhen(index === 0)} onClick={() => onMove(-1)}>
          上移
        </Button>
        <Button className='btn btn--small inspections__action' disabled={disabledWhen(index === count - 1)} onClick={() => onMove(1)}>
          下移
        </Button>
        <Button className='btn btn--small inspections__action sheet__remove' onClick={onRemove}>
          删除
        </Button>
      </View>
    </View>
  )
}

function SheetEditor({ town, items, updatedAt, onSaved }: { town: string; items: SheetItem[]; updatedAt: string | null; onSaved: () => void }) {
  const keys = useRef(items.length)
  const [drafts, setDrafts] = useState<Draft[]>(() => items.map((item, i) => toDraft(item, i)))
  const [opened, setOpened] = useState<Set<number>>(() => new Set())
  const openItem = (key: number, open: boolean) =>
    setOpened((o) => {
      const next = new Set(o)
      if (open) next.add(key)
      else next.delete(key)
      return next
    })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const total = drafts.reduce((sum, d) => sum + (Number.isFinite(typedPoints(d.points)) ? typedPoints(d.points) : 0), 0)

  const change = (key: number, part: Partial<Draft>) => setDrafts((ds) => ds.map((d) => (d.key === key ? { ...d, ...part } : d)))
  const move = (index: number, by: number) =>
    setDrafts((ds) => {
      const next = [...ds]
      const [d] = next.splice(index, 1)
      next.splice(index + by, 0, d)
      return next
    })
  const add = (kind: SheetItem['kind']) => {
    const key = ++keys.current
    setDrafts((ds) => [...ds, { key, id: freshId(ds), name: '', points: '', kind, hint: '', types: [] }])
    openItem(key, true)
  }
  const remove = async (d: Draft) => {
    if (await confirmAction('删除评分项', `删除“${d.name || '未命名'}”？保存后生效；已开启的轮次仍按开轮时的细则评分。`, '删除')) setDrafts((ds) => ds.filter((x) => x.key !== d.key))
  }

  const save = async () => {
    setBusy(true)
    setError(null)
    const res = await callCloud('inspections', {
      action: 'saveSheet',
      town,
      items: drafts.map((d) => ({
        id: d.id,
        name: d.name,
        points: typedPoints(d.points),
        kind: d.kind,
        ...(d.kind === 'figures' && d.source ? { source: d.source } : {}),
        ...(d.hint.trim() ? { hint: d.hint } : {}),
        ...(d.types.length ? { types: d.types } : {})
      }))
    })
    setBusy(false)
    // The function's own words: a total it does not accept, an item it cannot compute.
    if (!res.ok) return setError(res.message)
    toast('已保存')
    onSaved()
  }

  return (
    <View className='card'>
      <View className='card__title'>{town}评分细则</View>
      <View className='admin__note'>
        {updatedAt ? `最近保存：${chinaDateTime(updatedAt)}。` : '这是按实施方案拟定的默认细则，保存后成为本乡镇(街道)的细则。'}
        已开启的轮次按开轮时的细则评分，修改只影响以后的轮次。
      </View>
      {drafts.map((d, i) => (
        <ItemEditor key={d.key} draft={d} index={i} count={drafts.length} open={opened.has(d.key)} onOpen={(o) => openItem(d.key, o)} onChange={(part) => change(d.key, part)} onMove={(by) => move(i, by)} onRemove={() => remove(d)} />
      ))}
      <View className='inspections__actions sheet__add'>
        <Button className='btn btn--small inspections__action' onClick={() => add('entered')}>
          ＋现场录入项
        </Button>
        <Button className='btn btn--small inspections__action' onClick={() => add('figures')}>
          ＋工作数据项
        </Button>
      </View>
      <View className='sheet__total'>
        {drafts.length}项，合计 <Text className='inspections__figure sheet__total-figure'>{formatPoints(total)}</Text> 分
      </View>
      <ErrorNote message={error} />
      <Button className='btn btn--primary' disabled={disabledWhen(busy)} onClick={save}>
        {busy ? '正在保存…' : '保存评分细则'}
      </Button>
    </View>
  )
}

function SheetView() {
  const { town } = useAdminScope()
  const [version, setVersion] = useState(0)
  const sheet = useCloudData(() => callCloud('inspections', { action: 'sheet', town }), `sheet|${town}|${version}`)
  return (
    <View>
      <InspectionsNav current='sheet' />
      <LoadState what='评分细则' loading={sheet.loading && !sheet.data} error={sheet.error} onRetry={sheet.reload} />
      {sheet.data && <SheetEditor key={`${town}|${version}`} town={town} items={sheet.data.items} updatedAt={sheet.data.updatedAt} onSaved={() => setVersion((v) => v + 1)} />}
    </View>
  )
}

/** 评分细则: the town's score sheet, items entered on site or computed from the campaign's figures. */
export default function SheetPage() {
  return (
    <AdminPage current='inspections'>
      <SheetView />
    </AdminPage>
  )
}
