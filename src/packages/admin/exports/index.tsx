import Taro from '@tarojs/taro'
import { Button, Input, View } from '@tarojs/components'
import { useState } from 'react'
import { PURGE_CONFIRMATION, type AnswerOf, type ContactsContract } from '../../../core/contract'
import { callCloud } from '../../../services/cloud-staff'
import { AdminPage, ErrorNote, disabledWhen, useAdminScope } from '../shared/admin-page'
import { confirmAction } from '../shared/dialogs'
import { CONTACTS_EXPORT_WARNING, ExportAction } from '../shared/export-file'
import './index.css'

const CONFLICTS_URL = '/packages/admin/conflicts/index'

/** End of the campaign: residents' numbers are kept no longer than needed (PIPL art. 19). */
function Purge({ town }: { town: string }) {
  const [typed, setTyped] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<AnswerOf<ContactsContract, 'purge'> | null>(null)
  const matches = typed.trim() === PURGE_CONFIRMATION

  const purge = async () => {
    if (!matches) return
    const ok = await confirmAction('最后确认', `将永久删除${town}全部村(社区)的居民联系人和导出过的联系人表格，无法恢复。确定清除吗？`, '清除')
    if (!ok) return
    setBusy(true)
    setError(null)
    const res = await callCloud('contacts', { action: 'purge', town, confirm: PURGE_CONFIRMATION })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    setDone(res.data)
    setTyped('')
  }

  return (
    <View className='card exports__danger'>
      <View className='card__title'>活动结束：清除{town}全部联系人</View>
      <View className='exports__warning'>
        清除后，{town}全部村(社区)登记的居民姓名、电话、地址，以及导出过的联系人表格文件，将被永久删除，无法恢复，各村(社区)的登记数归零。
        只应在本年度民调工作全部结束、确实不再需要这些号码之后进行。排名请先导出留存。
      </View>
      <View className='admin__label'>请输入“{PURGE_CONFIRMATION}”以确认</View>
      <Input className='field exports__phrase' value={typed} placeholder={PURGE_CONFIRMATION} onInput={(e) => setTyped(e.detail.value)} />
      <ErrorNote message={error} />
      {done && (
        <View className='exports__done'>
          已清除 {done.removed} 条联系人，删除 {done.filesDeleted} 个导出文件。此次清除已记入操作日志。
        </View>
      )}
      <Button className='btn exports__purge' disabled={disabledWhen(!matches || busy)} onClick={purge}>
        {busy ? '正在清除…' : '清除全部联系人'}
      </Button>
    </View>
  )
}

function ExportsView() {
  const { town } = useAdminScope()
  return (
    <View className='exports'>
      <View className='card'>
        <View className='card__title'>导出排名（通报用）</View>
        <View className='admin__note'>{town}各村(社区)当前的任务数、已登记数、完成率和名次，用于督查后的通报。不含居民个人信息。</View>
        <ExportAction label='导出排名表格' fileName={`${town}完成情况排名.xlsx`} run={() => callCloud('stats', { action: 'exportRanking', town })} />
      </View>
      <View className='card'>
        <View className='card__title'>导出全部联系人</View>
        <View className='admin__note'>按附件2“电话号码收集表”格式，{town}全部村(社区)在一张表中，加“村(社区)”一列。</View>
        <ExportAction
          label='导出全部联系人（Excel）'
          fileName={`${town}全部联系人.xlsx`}
          warning={CONTACTS_EXPORT_WARNING}
          run={() => callCloud('contacts', { action: 'exportXlsx', town })}
        />
      </View>
      <View className='card'>
        <View className='card__title'>号码冲突</View>
        <View className='admin__note'>干部登记了已被登记的号码时，只会被告知“已在其他村(社区)登记”；每一次冲突记在这里，号码打码，两边的村(社区)和干部都列出，供街道协调。</View>
        <Button className='btn btn--secondary exports__conflicts' onClick={() => Taro.navigateTo({ url: CONFLICTS_URL }).catch(() => undefined)}>
          查看号码冲突
        </Button>
      </View>
      <Purge town={town} />
    </View>
  )
}

/** The circular's spreadsheet, the contacts sheet, and the end of the campaign. */
export default function ExportsPage() {
  return (
    <AdminPage current='exports'>
      <ExportsView />
    </AdminPage>
  )
}
