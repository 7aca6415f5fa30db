/** The caller ID residents see on the real survey call (附件4). */
export const HOTLINE_LABEL = '社情民意调查热线'

/** The numbers the survey calls come from (附件4): 0731 is the province's, 0734 Hengyang's. */
export const HOTLINES = [
  { number: '0731-12340', label: HOTLINE_LABEL },
  { number: '0734-12340', label: HOTLINE_LABEL },
] as const
