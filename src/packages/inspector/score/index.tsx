import Taro, { useRouter } from '@tarojs/taro'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { FIGURE_SOURCE_LABELS, type AnswerOf, type InspectionsContract, type SheetItem, type Task, type Whoami } from '../../../core/contract'
import { itemApplies, unitScore } from '../../../core/inspections'
import { percent } from '../../../components/figures/format'
import { TaskCard } from '../../../components/task-card'
import { callCloud } from '../../../services/cloud-staff'
import { useCloudData } from '../../../services/use-cloud-data'
import { ItemPhotos } from '../components/item-photos'
import { PointPicker } from '../components/point-picker'
import { VerifyTask, awaitsVerification } from '../components/verify-task'
import { InspectorGate, townOf } from '../shared/gate'
import { LoadNote } from '../shared/load-note'
import type { TakenPhoto } from '../shared/photos'
import { formatPoints, nextUnscored } from '../shared/points'
import { dueDaysOf, recordedProblems } from '../shared/problems'
import { queryParam, scoreUrl } from '../shared/routes'
import './index.css'

type RoundView = AnswerOf<InspectionsContract, 'round'>
type UnitLine = RoundView['units'][number]

/** The plan's default deadline for a problem found on site. */
export const DEFAULT_DUE_DAYS = 7
const DUE_DAYS_MAX = 60

interface Problem {
  key: number
  text: string
  dueDays: number
}

function FiguresItem({ item, points, rate }: { item: SheetItem; points: number | null; rate: number | null }) {
  return (
    <View className='card score__item score__item--figures' data-item={item.id}>
      <View className='score__item-head'>
        <Text className='score__item-name'>{item.name}</Text>
        <Text className='score__item-points'>{points === null ? '不适用' : `${formatPoints(points)}/${formatPoints(item.points)}`}</Text>
      </View>
      <View className='muted score__item-hint'>
        {item.source ? `${FIGURE_SOURCE_LABELS[item.source]}${rate === null ? '' : ` ${percent(rate)}`}，` : ''}开轮时按工作数据计算，不需录入。
      </View>
    </View>
  )
}

function EnteredItem({
  item,
  value,
  note,
  photos,
  onValue,
  onNote,
  onPhotos
}: {
  item: SheetItem
  value: number | null
  note: string
  photos: TakenPhoto[]
  onValue: (v: number) => void
  onNote: (n: string) => void
  onPhotos: (p: TakenPhoto[]) => void
}) {
  const [extra, setExtra] = useState(note !== '')
  return (
    <View className={`card score__item score__item--entered${value === null ? ' score__item--missing' : ''}`} data-item={item.id}>
      <View className='score__item-head'>
        <Text className='score__item-name'>{item.name}</Text>
        <Text className='score__item-points'>满分 {formatPoints(item.points)}</Text>
      </View>
      {item.hint && <View className='muted score__item-hint'>{item.hint}</View>}
      <PointPicker id={item.id} max={item.points} value={value} onChange={onValue} />
      {extra ? (
        <View className='score__extra'>
          <Textarea className='textarea score__note' name={`note-${item.id}`} value={note} maxlength={200} placeholder='备注（可不填）：看到的情况' onInput={(e) => onNote(e.detail.value)} />
          <ItemPhotos photos={photos} onChange={onPhotos} />
        </View>
      ) : (
        <View className='score__more' onClick={() => setExtra(true)}>
          ＋备注或照片（可不填）
        </View>
      )}
    </View>
  )
}

function Problems({ problems, recorded, onChange }: { problems: Problem[]; recorded: number; onChange: (p: Problem[]) => void }) {
  const counter = useRef(problems.length)
  const set = (key: number, change: Partial<Problem>) => onChange(problems.map((p) => (p.key === key ? { ...p, ...change } : p)))
  return (
    <View className='card score__problems'>
      <View className='card__title'>发现的问题</View>
      <View className='muted score__problems-note'>
        每个问题成为本单位的整改任务，由下一轮督查验收。没有问题可不填。{recorded > 0 ? '本轮已记录的问题列在下面，可修改；删除后保存，该整改任务随之撤销。' : ''}
      </View>
      {problems.map((p, i) => (
        <View key={p.key} className='score__problem'>
          <View className='score__problem-head'>
            <Text>问题{i + 1}</Text>
            <Text className='score__problem-remove' onClick={() => onChange(problems.filter((x) => x.key !== p.key))}>
              删除
            </Text>
          </View>
          <Textarea className='textarea score__problem-text' name={`problem-${i}`} value={p.text} maxlength={200} placeholder='例如：主干道横幅不足2幅' onInput={(e) => set(p.key, { text: e.detail.value })} />
          <View className='score__due'>
            <Text>整改期限</Text>
            <View className='score__due-step' onClick={() => set(p.key, { dueDays: Math.max(1, p.dueDays - 1) })}>
              −
            </View>
            <Text className='score__due-days'>{p.dueDays}天</Text>
            <View className='score__due-step' onClick={() => set(p.key, { dueDays: Math.min(DUE_DAYS_MAX, p.dueDays + 1) })}>
              +
            </View>
          </View>
        </View>
      ))}
      <Button className='btn btn--secondary score__add-problem' onClick={() => onChange([...problems, { key: ++counter.current, text: '', dueDays: DEFAULT_DUE_DAYS }])}>
        ＋记录一个问题
      </Button>
    </View>
  )
}

function ScoreForm({ view, line, tasks, onVerified }: { view: RoundView; line: UnitLine; tasks: Task[]; onVerified: () => void }) {
  const round = view.round
  const entered = view.items.filter((i) => i.kind === 'entered' && itemApplies(i, line.type))
  const figures = view.items.filter((i) => i.kind === 'figures' && itemApplies(i, line.type))
  const [values, setValues] = useState<Record<string, number | null>>(() => Object.fromEntries(entered.map((i) => [i.id, line.items[i.id] ?? null])))
  const [notes, setNotes] = useState<Record<string, string>>(() => ({ ...line.notes }))
  const [photos, setPhotos] = useState<Record<string, TakenPhoto[]>>({})
  // Scoring again replaces this unit's problems: the ones recorded start the list, to keep or change.
  const [recorded] = useState(() => recordedProblems(tasks, round.id))
  const [problems, setProblems] = useState<Problem[]>(() => recorded.map((p, key) => ({ key, text: p.task.text, dueDays: dueDaysOf(p.task) })))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // A second tap while the first save is on its way does nothing.
  const saving = useRef(false)
  const closed = round.status !== 'open'

  const applies = figures.filter((i) => line.items[i.id] !== null && line.items[i.id] !== undefined)
  const total = [...entered.map((i) => values[i.id] ?? 0), ...applies.map((i) => line.items[i.id] ?? 0)].reduce((a, b) => a + b, 0)
  const outOf = [...entered, ...applies].reduce((a, i) => a + i.points, 0)
  const missing = entered.filter((i) => values[i.id] === null)
  // The function's own rule (scaled to 100 over the items that apply), once every entered item has points.
  const chosen = Object.fromEntries(Object.entries(values).filter((e): e is [string, number] => e[1] !== null))
  const preview = unitScore(view.items, { type: line.type, rates: line.rates, entered: chosen }).score
  const recordedIds = new Set(recorded.map((p) => p.task.id))
  // Carried into this round (督导补火): the unit's to fix again, verified next round.
  const carriedIn = tasks.filter((t) => t.round === round.id && !recordedIds.has(t.id))
  const toVerify = tasks.filter((t) => awaitsVerification(t, round.id))

  const save = async () => {
    if (saving.current || closed) return
    setError(null)
    if (missing.length) return setError(`还有${missing.length}项未评分：${missing.map((i) => i.name).join('、')}`)
    const written = problems.filter((p) => p.text.trim() !== '')
    saving.current = true
    setBusy(true)
    const res = await callCloud('inspections', {
      action: 'score',
      round: round.id,
      unit: line.unit,
      items: entered.map((i) => ({
        id: i.id,
        points: values[i.id] as number,
        ...(notes[i.id]?.trim() ? { note: notes[i.id] } : {}),
        ...(photos[i.id]?.length ? { photos: photos[i.id].map((p) => p.fileID) } : {})
      })),
      ...(written.length ? { problems: written.map((p) => ({ text: p.text, dueDays: p.dueDays })) } : {})
    })
    saving.current = false
    setBusy(false)
    if (!res.ok) return setError(res.message)
    Taro.showToast({ title: `已保存 ${formatPoints(res.data.score)}分`, icon: 'success' }).catch(() => undefined)
    const next = nextUnscored(view.units, line.unit)
    // The next unit replaces this screen, so the way back is always the list.
    if (next) Taro.redirectTo({ url: scoreUrl(round.id, next) }).catch(() => undefined)
    else Taro.navigateBack().catch(() => undefined)
  }

  return (
    <View className='score'>
      <View className='card'>
        <View className='card__title score__unit'>{line.unit}</View>
        <View className='muted'>
          {line.type} · 第{round.number}轮督查{line.score !== null ? ` · 已评 ${formatPoints(line.score)}分，再次保存将替换` : ''}
        </View>
        {closed && <View className='error-box inspector__error'>本轮督查已结束，不能再评分。</View>}
      </View>
      {toVerify.length > 0 && (
        <View>
          <View className='inspector__section'>上轮整改验收（{toVerify.length}）</View>
          {toVerify.map((t) => (
            <VerifyTask key={t.id} task={t} onVerified={onVerified} />
          ))}
        </View>
      )}
      <View className='inspector__section'>现场评分（{entered.length}项）</View>
      {entered.map((i) => (
        <EnteredItem
          key={i.id}
          item={i}
          value={values[i.id]}
          note={notes[i.id] ?? ''}
          photos={photos[i.id] ?? []}
          onValue={(v) => setValues((s) => ({ ...s, [i.id]: v }))}
          onNote={(n) => setNotes((s) => ({ ...s, [i.id]: n }))}
          onPhotos={(p) => setPhotos((s) => ({ ...s, [i.id]: p }))}
        />
      ))}
      {figures.length > 0 && <View className='inspector__section'>工作数据（开轮时固定）</View>}
      {figures.map((i) => (
        <FiguresItem key={i.id} item={i} points={line.items[i.id] ?? null} rate={i.source ? (line.rates[i.source] ?? null) : null} />
      ))}
      {carriedIn.length > 0 && (
        <View>
          <View className='inspector__section'>督导补火（上轮整改未到位）</View>
          {carriedIn.map((t) => (
            <TaskCard key={t.id} task={t} />
          ))}
        </View>
      )}
      {closed && recorded.length > 0 && (
        <View>
          <View className='inspector__section'>本轮发现的问题</View>
          {recorded.map((p) => (
            <TaskCard key={p.task.id} task={p.task} />
          ))}
        </View>
      )}
      {!closed && <Problems problems={problems} recorded={recorded.length} onChange={setProblems} />}
      {!closed && (
        <View className='score__bar'>
          {error && <View className='error-box inspector__error score__error'>{error}</View>}
          <View className='score__total'>
            合计 <Text className='score__total-figure'>{formatPoints(total)}</Text> / {formatPoints(outOf)} 分
            {missing.length > 0 && <Text className='muted'>（{missing.length}项未评）</Text>}
            {preview !== null && <Text>，折合百分制 {formatPoints(preview)} 分</Text>}
          </View>
          <Button className='btn btn--primary score__save' disabled={busy ? true : undefined} onClick={save}>
            {busy ? '正在保存…' : '保存，下一个单位'}
          </Button>
        </View>
      )}
    </View>
  )
}

function ScoreScreen({ who }: { who: Whoami }) {
  const params = useRouter()?.params ?? {}
  const round = queryParam(params.round)
  const unit = queryParam(params.unit)
  const view = useCloudData(() => callCloud('inspections', { action: 'round', round }), `round|${round}`)
  const tasks = useCloudData(() => callCloud('inspections', { action: 'tasks', ...townOf(who), unit }), `tasks|${round}|${unit}`)
  if (!view.data) return <LoadNote what='评分表' loading={view.loading} error={view.error} onRetry={view.reload} />
  const line = view.data.units.find((u) => u.unit === unit)
  if (!line) return <View className='card'>本轮督查没有“{unit}”这个单位。</View>
  // The unit's tasks come first: saving again without its recorded problems would withdraw them.
  if (!tasks.data) return <LoadNote what='整改任务' loading={tasks.loading} error={tasks.error} onRetry={tasks.reload} />
  return <ScoreForm key={`${round}|${unit}`} view={view.data} line={line} tasks={tasks.data.tasks} onVerified={tasks.reload} />
}

/** 督查评分: one unit of the open round, scored one-handed, its problems written down as 整改 tasks. */
export default function ScorePage() {
  return (
    <View className='inspector'>
      <InspectorGate>{(who) => <ScoreScreen who={who} />}</InspectorGate>
    </View>
  )
}
