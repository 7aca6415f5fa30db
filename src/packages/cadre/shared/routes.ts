/** Where the cadre pages live (the `packages/cadre` subpackage of app.config.ts). */
export const CADRE_PAGES = {
  hub: '/packages/cadre/home/index',
  register: '/packages/cadre/register/index',
  contacts: '/packages/cadre/contacts/index',
  import: '/packages/cadre/import/index',
  export: '/packages/cadre/export/index',
  interview: '/packages/cadre/interview/index'
} as const
