import Taro from '@tarojs/taro'
import { PropsWithChildren } from 'react'
import './app.css'

// WeChat: cloud functions are called through Taro.cloud, which needs one init (the default environment).
if (process.env.TARO_ENV === 'weapp' && Taro.cloud) Taro.cloud.init({ traceUser: false })

function App({ children }: PropsWithChildren) {
  return children
}

export default App
