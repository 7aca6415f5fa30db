// The React runtime Taro's H5 build wires in; it ships no typings of its own.
declare module '@tarojs/plugin-framework-react/dist/runtime' {
  type Hook = (...args: any[]) => any // eslint-disable-line @typescript-eslint/no-explicit-any
  export const useDidHide: Hook
  export const useDidShow: Hook
  export const useLoad: Hook
  export const useReady: Hook
  export const useRouter: Hook
  export const useShareAppMessage: Hook
  export const useShareTimeline: Hook
  export const useUnload: Hook
  export function createH5NativeComponentConfig(component: unknown, react: unknown, reactDOM: unknown): unknown
}
