import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { AnswerOf, Result, TownUnit, TownsContract } from '../../../core/contract'
import { SkippedRows } from '../../../components/skipped-rows'
import { XlsxPicker } from '../../../components/xlsx-picker'
import { callCloud } from '../../../services/cloud-staff'
import { unitImportPath, uploadToCloud, type PickedFile } from '../../../services/upload'
import { AdminPage, ErrorNote, LoadState, disabledWhen, useAdminScope } from '../shared/admin-page'
import { confirmAction, toast } from '../shared/dialogs'
import { UnitActions } from '../shared/unit-actions'
import { useCloudData } from '../shared/use-cloud-data'
import { readTypedUnits } from './typed-units'
import './index.css'

type Created = AnswerOf<TownsContract, 'create'>
type Source = 'typed' | 'sheet'

function TownList({ version }: { version: number }) {
  const { town, setTown } = useAdminScope()
  const towns = useCloudData(() => callCloud('towns', { action: 'list' }), `towns|${version}`)
  return (
    <View className='card'>
      <View className='card__title'>全县乡镇(街道)</View>
      <LoadState what='乡镇(街道)' loading={towns.loading && !towns.data} error={towns.error} onRetry={towns.reload} />
      {towns.data?.towns.map((t) => (
        <View key={t.name} className={`admin__row towns__item${t.name === town ? ' towns__item--current' : ''}`} onClick={() => setTown(t.name)}>
          <Text className='towns__name'>{t.name}</Text>
          <Text className='towns__figures'>
            {t.units}个村(社区) · 任务数 {t.quota}
          </Text>
        </View>
      ))}
      <View className='admin__note'>点选一个乡镇(街道)，在下面管理它的村(社区)；其他管理页面也随之切换到它。</View>
    </View>
  )
}

function CreateTown({ onCreated }: { onCreated: (name: string) => void }) {
  const { who } = useAdminScope()
  const [name, setName] = useState('')
  const [source, setSource] = useState<Source>('typed')
  const [typed, setTyped] = useState('')
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [created, setCreated] = useState<Created | null>(null)
  const table = readTypedUnits(typed)
  const sum = table.units.reduce((s, u) => s + u.quota, 0)

  const finish = (res: Result<Created>) => {
    setBusy(null)
    if (!res.ok) return setError(res.message)
    setCreated(res.data)
    toast(res.data.created ? '已添加' : '已更新')
    onCreated(res.data.name)
  }

  const createTyped = async () => {
    setError(null)
    setCreated(null)
    if (table.units.length === 0) return setError('请填写村(社区)和任务数，每行一个，如“新城 300”')
    setBusy('正在添加…')
    finish(await callCloud('towns', { action: 'create', name, units: table.units }))
  }

  const createFromSheet = async (picked: PickedFile) => {
    setError(null)
    setCreated(null)
    if (!name.trim()) return setError('请先填写乡镇(街道)名称')
    setBusy('正在上传…')
    const uploaded = await uploadToCloud(unitImportPath(who.openid), picked)
    if (!uploaded.ok) {
      setBusy(null)
      return setError(uploaded.message)
    }
    setBusy('正在读取表格…')
    finish(await callCloud('towns', { action: 'create', name, fileID: uploaded.data.fileID }))
  }

  return (
    <View className='card'>
      <View className='card__title'>添加乡镇(街道)</View>
      <View className='admin__label'>乡镇(街道)名称</View>
      <Input className='field towns__new-name' value={name} maxlength={20} placeholder='如：茶市镇' onInput={(e) => setName(e.detail.value)} />
      <View className='admin__label'>村(社区)和任务数（附件3）</View>
      <View className='admin__segments'>
        <View className={`admin__segment${source === 'typed' ? ' admin__segment--on' : ''}`} onClick={() => setSource('typed')}>
          输入或粘贴
        </View>
        <View className={`admin__segment${source === 'sheet' ? ' admin__segment--on' : ''}`} onClick={() => setSource('sheet')}>
          上传Excel
        </View>
      </View>
      {source === 'typed' ? (
        <View>
          <View className='admin__note'>每行一个村(社区)：名称和任务数，中间空格隔开，如“新城 300”。可以从Excel直接复制两列粘贴。</View>
          <Textarea className='textarea towns__typed' value={typed} maxlength={20000} autoHeight placeholder={'新城 300\n渡口 200'} onInput={(e) => setTyped(e.detail.value)} />
          {typed.trim() !== '' && (
            <View className='towns__preview'>
              {table.units.length}个村(社区)，任务数合计 {sum}
            </View>
          )}
          <SkippedRows skipped={table.skipped} what='行不会添加' />
          <ErrorNote message={error} />
          <Button className='btn btn--primary' disabled={disabledWhen(busy !== null)} onClick={createTyped}>
            {busy ?? (table.units.length ? `添加乡镇(街道)和${table.units.length}个村(社区)` : '添加乡镇(街道)')}
          </Button>
        </View>
      ) : (
        <View>
          <View className='admin__note'>附件3格式：两列“村(社区)”“任务数”（一行也可以并排两组），前面可以有标题；“合计”行会与各行之和核对。</View>
          <ErrorNote message={error} />
          <XlsxPicker label='选择Excel文件' busyLabel={busy ?? ''} busy={busy !== null} onPicked={createFromSheet} onError={setError} />
        </View>
      )}
      {created && (
        <View className='towns__created'>
          <View className='towns__created-title'>
            {created.created ? `已添加${created.name}` : `${created.name}已存在`}，新增{created.unitsAdded}个村(社区)
          </View>
          {!created.created && created.unitsAdded === 0 && <View className='admin__note'>再次添加不会改变已有的村(社区)。</View>}
          <SkippedRows skipped={created.skipped} what='行没有添加' />
        </View>
      )}
    </View>
  )
}

function UnitRow({ town, unit, onSaved }: { town: string; unit: TownUnit; onSaved: () => void }) {
  const [renaming, setRenaming] = useState(false)
  const [newName, setNewName] = useState(unit.name)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const save = async (change: { rename?: string; active?: boolean }) => {
    setBusy(true)
    setError(null)
    const res = await callCloud('towns', { action: 'saveUnit', town, name: unit.name, ...change })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    setRenaming(false)
    toast('已保存')
    onSaved()
  }

  const rename = () => {
    const to = newName.trim()
    if (!to || to === unit.name) return setError('请填写新的名称')
    return save({ rename: to })
  }

  const retire = async () => {
    const ok = await confirmAction('停用村(社区)', `停用后，${unit.name}不再出现在排名和选择列表中，也不能再登记；已有的登记和督查记录保留。`, '停用')
    if (ok) await save({ active: false })
  }

  return (
    <View className={`towns__unit${unit.active ? '' : ' towns__unit--retired'}`}>
      <View className='admin__row'>
        <Text className='towns__unit-name'>
          {unit.name}
          {!unit.active && '（已停用）'}
        </Text>
        <Text className='towns__unit-quota'>任务数 {unit.quota}</Text>
      </View>
      {renaming ? (
        <View className='towns__rename'>
          <Input className='field towns__rename-input' value={newName} maxlength={20} onInput={(e) => setNewName(e.detail.value)} />
          <View className='towns__actions'>
            <Button className='btn btn--small towns__action' disabled={disabledWhen(busy)} onClick={rename}>
              保存名称
            </Button>
            <Button className='btn btn--small towns__action' onClick={() => setRenaming(false)}>
              取消
            </Button>
          </View>
        </View>
      ) : (
        <UnitActions active={unit.active} busy={busy} editLabel='改名' classPrefix='towns' onEdit={() => setRenaming(true)} onRetire={retire} onRestore={() => save({ active: true })} />
      )}
      <ErrorNote message={error} />
    </View>
  )
}

function AddUnit({ town, onSaved }: { town: string; onSaved: () => void }) {
  const [name, setName] = useState('')
  const [quota, setQuota] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const add = async () => {
    setError(null)
    setBusy(true)
    const res = await callCloud('towns', { action: 'saveUnit', town, name: name.trim(), quota: Number(quota.trim() || NaN) })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    setName('')
    setQuota('')
    toast(`已添加${res.data.unit.name}`)
    onSaved()
  }
  return (
    <View className='towns__add'>
      <View className='admin__label'>添加村(社区)</View>
      <View className='towns__add-row'>
        <Input className='field towns__add-name' value={name} maxlength={20} placeholder='名称' onInput={(e) => setName(e.detail.value)} />
        <Input className='field towns__add-quota' type='number' value={quota} placeholder='任务数' onInput={(e) => setQuota(e.detail.value)} />
      </View>
      <ErrorNote message={error} />
      <Button className='btn btn--secondary' disabled={disabledWhen(busy)} onClick={add}>
        {busy ? '正在添加…' : '添加'}
      </Button>
    </View>
  )
}

function Units({ version, onChanged }: { version: number; onChanged: () => void }) {
  const { town } = useAdminScope()
  const [round, setRound] = useState(0)
  const units = useCloudData(() => callCloud('towns', { action: 'units', town }), `units|${town}|${version}|${round}`)
  const saved = () => {
    setRound((r) => r + 1)
    onChanged()
  }
  return (
    <View className='card'>
      <View className='card__title'>{town}的村(社区)</View>
      <View className='admin__note'>改名和停用保留已有的登记和督查记录；任务数在排名页点选村(社区)后修改。</View>
      <LoadState what='村(社区)' loading={units.loading && !units.data} error={units.error} onRetry={units.reload} />
      {units.data?.units.map((u) => (
        <UnitRow key={u.name} town={town} unit={u} onSaved={saved} />
      ))}
      <AddUnit town={town} onSaved={saved} />
    </View>
  )
}

function TownsView() {
  const { setTown } = useAdminScope()
  // A new town, or a unit changed: the list's counts follow.
  const [version, setVersion] = useState(0)
  const changed = () => setVersion((v) => v + 1)
  return (
    <View className='towns'>
      <TownList version={version} />
      <Units version={version} onChanged={changed} />
      <CreateTown
        onCreated={(name) => {
          setTown(name)
          changed()
        }}
      />
    </View>
  )
}

/** The county's towns: their list, a new one from typed rows or a 附件3 sheet, each one's units (county admins). */
export default function TownsPage() {
  return (
    <AdminPage current='towns'>
      <TownsView />
    </AdminPage>
  )
}
