import { Button, View } from '@tarojs/components'
import { LOCAL_USERS, localOpenid, setLocalOpenid } from '../../services/local-user'
import './index.css'

/**
 * Local cloud only (H5 build): pretend to be a resident, the demo cadre or an admin. Pages render it
 * behind `LOCAL_CLOUD`, so the WeChat build drops it.
 */
export function LocalIdentity({ onChanged }: { onChanged: () => void }) {
  const current = localOpenid()
  return (
    <View className='local-identity'>
      <View className='local-identity__title'>切换身份(本地)</View>
      <View className='local-identity__row'>
        {LOCAL_USERS.map((u) => (
          <Button
            key={u.openid}
            className={`btn btn--small local-identity__user${u.openid === current ? ' local-identity__user--current' : ''}`}
            onClick={() => {
              setLocalOpenid(u.openid)
              onChanged()
            }}
          >
            {u.label}
          </Button>
        ))}
      </View>
    </View>
  )
}
