import { Button, Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { UNIT_TYPES, VILLAGE_TYPE, type AnswerOf, type InspectionsContract, type UnitKind } from '../../../../core/contract'
import { callCloud } from '../../../../services/cloud-staff'
import { AdminPage, ErrorNote, LoadState, disabledWhen, useAdminScope } from '../../shared/admin-page'
import { confirmAction, toast } from '../../shared/dialogs'
import { OptionSelect } from '../../shared/option-select'
import { UnitActions } from '../../shared/unit-actions'
import { useCloudData } from '../../shared/use-cloud-data'
import { InspectionsNav } from '../shared/nav'
import './index.css'

type Unit = AnswerOf<InspectionsContract, 'units'>['units'][number]
type Change = { type?: UnitKind; rename?: string; active?: boolean; quota?: number }

/** A typed quota, or NaN so the contract refuses it in its own words. */
const typedQuota = (text: string) => (text.trim() === '' ? NaN : Number(text.trim()))

function UnitRow({ town, unit, onSaved }: { town: string; unit: Unit; onSaved: () => void }) {
  const [editing, setEditing] = useState(false)
  const [name, setName] = useState(unit.name)
  const [type, setType] = useState<UnitKind>(unit.type)
  const [quota, setQuota] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // Only villages have phone quotas: a unit becoming one needs its quota.
  const becomesVillage = type === VILLAGE_TYPE && unit.type !== VILLAGE_TYPE

  const save = async (change: Change) => {
    setBusy(true)
    setError(null)
    const res = await callCloud('inspections', { action: 'saveUnit', town, name: unit.name, ...change })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    setEditing(false)
    toast('已保存')
    onSaved()
  }
  const saveEdit = () => {
    const to = name.trim()
    const change: Change = {}
    if (to && to !== unit.name) change.rename = to
    if (type !== unit.type) change.type = type
    if (becomesVillage) change.quota = typedQuota(quota)
    if (Object.keys(change).length === 0) return setError('名称和类型都没有改变')
    return save(change)
  }
  const retire = async () => {
    if (await confirmAction('停用考核对象', `停用后，${unit.name}不再列入以后的督查轮次；已有的督查成绩和整改任务保留。`, '停用')) await save({ active: false })
  }

  return (
    <View className={`inspections__list-item units__unit${unit.active ? '' : ' units__unit--retired'}`} data-unit={unit.name}>
      <View className='admin__row'>
        <Text className='units__name'>
          {unit.name}
          {!unit.active && '（已停用）'}
        </Text>
        <Text className='muted units__type'>
          {unit.type}
          {unit.type === VILLAGE_TYPE ? ` · 任务数 ${unit.quota}` : ''}
        </Text>
      </View>
      {editing ? (
        <View>
          <View className='admin__label'>名称</View>
          <Input className='admin__input' name={`rename-${unit.name}`} value={name} maxlength={20} onInput={(e) => setName(e.detail.value)} />
          <View className='admin__label'>类型</View>
          <OptionSelect value={type} choices={UNIT_TYPES} onChange={(t) => t && setType(t as UnitKind)} />
          {becomesVillage && (
            <View>
              <View className='admin__label'>电话任务数</View>
              <Input className='admin__input' name={`quota-${unit.name}`} type='number' value={quota} onInput={(e) => setQuota(e.detail.value)} />
            </View>
          )}
          <View className='inspections__actions'>
            <Button className='btn btn--small inspections__action' disabled={disabledWhen(busy)} onClick={saveEdit}>
              保存
            </Button>
            <Button className='btn btn--small inspections__action' onClick={() => setEditing(false)}>
              取消
            </Button>
          </View>
        </View>
      ) : (
        <UnitActions active={unit.active} busy={busy} editLabel='改名或类型' classPrefix='inspections' onEdit={() => setEditing(true)} onRetire={retire} onRestore={() => save({ active: true })} />
      )}
      <ErrorNote message={error} />
    </View>
  )
}

function AddUnit({ town, onSaved }: { town: string; onSaved: () => void }) {
  const [name, setName] = useState('')
  const [type, setType] = useState<UnitKind | null>(null)
  const [quota, setQuota] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const add = async () => {
    setError(null)
    if (!type) return setError('请选择单位类型')
    setBusy(true)
    const res = await callCloud('inspections', { action: 'saveUnit', town, name: name.trim(), type, ...(type === VILLAGE_TYPE ? { quota: typedQuota(quota) } : {}) })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    setName('')
    setType(null)
    setQuota('')
    toast(`已添加${res.data.unit.name}`)
    onSaved()
  }
  return (
    <View className='card'>
      <View className='card__title'>添加考核对象</View>
      <View className='admin__label'>名称</View>
      <Input className='admin__input units__new-name' name='new-unit' value={name} maxlength={20} placeholder='如：云集联合学校' onInput={(e) => setName(e.detail.value)} />
      <View className='admin__label'>类型</View>
      <OptionSelect className='units__new-type' value={type} choices={UNIT_TYPES} noneLabel='请选择单位类型' onChange={(t) => setType(t as UnitKind | null)} />
      {type === VILLAGE_TYPE && (
        <View>
          <View className='admin__label'>电话任务数（附件3）</View>
          <Input className='admin__input units__new-quota' name='new-quota' type='number' value={quota} placeholder='如：300' onInput={(e) => setQuota(e.detail.value)} />
        </View>
      )}
      <View className='admin__note'>只有村(社区)有电话任务数，以后在排名页修改；其他单位没有，电话台账一项对它们不适用。</View>
      <ErrorNote message={error} />
      <Button className='btn btn--secondary' disabled={disabledWhen(busy)} onClick={add}>
        {busy ? '正在添加…' : '添加'}
      </Button>
    </View>
  )
}

function UnitsView() {
  const { town } = useAdminScope()
  const units = useCloudData(() => callCloud('inspections', { action: 'units', town }), `units|${town}`)
  const list = units.data?.units ?? []
  const active = list.filter((u) => u.active).length
  return (
    <View>
      <InspectionsNav current='units' />
      <View className='card'>
        <View className='card__title'>{town}考核对象</View>
        <View className='admin__note'>
          督查覆盖学校、医院、站所、村(社区)等单位（实施方案五(三)）。{units.data ? `在用 ${active} 个，停用 ${list.length - active} 个。` : ''}改名和停用保留已有的督查记录。
        </View>
        <LoadState what='考核对象' loading={units.loading && !units.data} error={units.error} onRetry={units.reload} />
        {list.map((u) => (
          <UnitRow key={u.name} town={town} unit={u} onSaved={units.reload} />
        ))}
      </View>
      <AddUnit town={town} onSaved={units.reload} />
    </View>
  )
}

/** 考核对象: the town's units inspected (村/社区, 学校, 医院, 站所, …): add with a type, rename, retire. */
export default function UnitsPage() {
  return (
    <AdminPage current='inspections'>
      <UnitsView />
    </AdminPage>
  )
}
