import Taro, { useDidShow } from '@tarojs/taro'
import { PropsWithChildren } from 'react'
import { startOutbox } from './services/outbox-store'
import './app.css'

// WeChat: cloud functions are called through Taro.cloud, which needs one init (the default environment).
if (process.env.TARO_ENV === 'weapp' && Taro.cloud) Taro.cloud.init({ traceUser: false })

function App({ children }: PropsWithChildren) {
  // A cadre's records made without signal go as soon as the app is open again (nothing waits: one storage read).
  useDidShow(() => startOutbox())
  return children
}

export default App
