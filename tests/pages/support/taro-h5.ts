// `@tarojs/taro` as the H5 build sees it. The build rewrites `Taro.x()` into named imports of the H5
// APIs (babel-plugin-transform-taroapi) and adds the React page hooks (plugin-framework-react's
// api-loader); without that transform every API and hook is put on the default object here.
import Taro from '@tarojs/plugin-platform-h5/dist/runtime/apis'
import * as apis from '@tarojs/plugin-platform-h5/dist/runtime/apis'
import * as hooks from '@tarojs/plugin-framework-react/dist/runtime'

export * from '@tarojs/plugin-platform-h5/dist/runtime/apis'
export {
  useDidHide,
  useDidShow,
  useLoad,
  useReady,
  useRouter,
  useShareAppMessage,
  useShareTimeline,
  useUnload
} from '@tarojs/plugin-framework-react/dist/runtime'

const { default: _default, ...named } = apis as Record<string, unknown>
Object.assign(Taro, named, {
  useDidHide: hooks.useDidHide,
  useDidShow: hooks.useDidShow,
  useLoad: hooks.useLoad,
  useReady: hooks.useReady,
  useRouter: hooks.useRouter,
  useShareAppMessage: hooks.useShareAppMessage,
  useShareTimeline: hooks.useShareTimeline,
  useUnload: hooks.useUnload
})

export default Taro
