import * as z from 'zod/mini'
import zhCN from 'zod/v4/locales/zh-CN.js'

// zod's default messages become Chinese wherever a schema has no message of its own.
// Only the one locale is imported so the mini-program bundle stays small.
z.config(zhCN())

export {}
