import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { CALL_OUTCOME_LABELS, type ContactItem } from '../../../../core/contract'
import { chinaTime } from '../../shared/format'
import { disabledIf } from '../../shared/disabled'
import './index.css'

interface Props {
  item: ContactItem
  /** The full number, once revealed for this contact. */
  phone?: string
  busy: boolean
  onReveal(): void
  onHide(): void
  onEdit(): void
  onRemove(): void
  /** Takes an unassigned household for the caller (认领); shown only on unassigned ones. */
  onClaim?(): void
  /** 模拟民调: reveal the number (audited), dial it, then record the outcome; only on the caller's own. */
  onCall?(): void
}

const dial = (phone: string) => Taro.makePhoneCall({ phoneNumber: phone.replace(/-/g, '') }).catch(() => undefined)

/**
 * One registered household. The number is masked as the server sends it; only the cadre who
 * registered it gets "显示号码" (recorded by the server), "修改" and "删除".
 */
export function ContactCard({ item, phone, busy, onReveal, onHide, onEdit, onRemove, onClaim, onCall }: Props) {
  return (
    <View className={`contact-card${item.mine ? ' contact-card--mine' : ''}`}>
      <View className='contact-card__head'>
        <Text className='contact-card__name'>{item.name}</Text>
        {phone ? (
          <View className='contact-card__full' onClick={() => dial(phone)}>
            <Text className='contact-card__phone'>{phone}</Text>
            <Text className='contact-card__call'>拨打</Text>
          </View>
        ) : (
          <Text className='contact-card__phone'>{item.phoneMasked}</Text>
        )}
      </View>
      <View className='contact-card__line'>包户责任人：{item.responsible}</View>
      {item.occupation && <View className='contact-card__line'>职业(职务)：{item.occupation}</View>}
      {item.address && <View className='contact-card__line'>常住地址：{item.address}</View>}
      {item.note && <View className='contact-card__line'>备注：{item.note}</View>}
      {item.mine && (
        <View className='contact-card__line contact-card__last-call'>
          {item.lastCall ? `上次模拟民调：${CALL_OUTCOME_LABELS[item.lastCall.outcome]}（${chinaTime(item.lastCall.at)}）` : '还没有打过模拟民调电话'}
        </View>
      )}
      <View className='contact-card__line contact-card__when'>
        登记于 {chinaTime(item.createdAt)}
        {!item.mine && (item.unassigned ? '（待认领）' : '（其他干部登记）')}
      </View>
      {item.unassigned && onClaim && (
        <View className='contact-card__actions'>
          <Button className='btn btn--small contact-card__action' disabled={disabledIf(busy)} onClick={onClaim}>
            认领
          </Button>
        </View>
      )}
      {item.mine && onCall && (
        <View className='contact-card__actions'>
          <Button className='btn btn--secondary contact-card__action contact-card__mock-call' disabled={disabledIf(busy)} onClick={onCall}>
            拨打并记录模拟民调
          </Button>
        </View>
      )}
      {item.mine && (
        <View className='contact-card__actions'>
          {phone ? (
            <Button className='btn btn--small contact-card__action' onClick={onHide}>
              隐藏号码
            </Button>
          ) : (
            <Button className='btn btn--small contact-card__action' disabled={disabledIf(busy)} onClick={onReveal}>
              显示号码
            </Button>
          )}
          <Button className='btn btn--small contact-card__action' disabled={disabledIf(busy)} onClick={onEdit}>
            修改
          </Button>
          <Button className='btn btn--small contact-card__action' disabled={disabledIf(busy)} onClick={onRemove}>
            删除
          </Button>
        </View>
      )}
    </View>
  )
}
