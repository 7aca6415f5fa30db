import * as z from 'zod/mini'
import { contactSchema, normalizePhone, parsePhone } from '../contact'
import { charCount, cleanString } from '../text'
import { contactSheetTitle, contactSheetUnit, DEFAULT_TOWN, townNameSchema } from '../towns'
import { defineFunction } from './define'
import { contactIdSchema, submissionIdSchema } from './ids'
import { CALL_OUTCOMES } from './survey'
import { pageRequest, villageSchema } from './user'

/** Household contacts (包户电话登记, 附件2): who registers which resident's number, and what they may see. */

export const CONSENT_REQUIRED = '请先确认已告知居民用途并征得同意'
export const IMPORT_CONSENT_REQUIRED = '请先确认表格中的居民都已被告知用途并同意'
export const PURGE_CONFIRMATION = '确认清除全部联系人'

/**
 * 附件2 电话号码收集表 as importXlsx reads it and exportXlsx writes it. Title and 单位 are the default
 * town's; each town's sheets carry its own (`contactSheetTitle(town)`, `contactSheetUnit(town)`).
 */
export const CONTACT_SHEET = {
  title: contactSheetTitle(DEFAULT_TOWN),
  unit: contactSheetUnit(DEFAULT_TOWN),
  headers: ['序号', '包户责任人', '姓名', '电话号码', '职业(职务)', '常住地址', '备注'],
  /** Added after 序号 when a sheet holds several villages (an export of all of them). */
  villageHeader: '村(社区)'
} as const

/** Largest spreadsheet importXlsx reads, and most data rows in it (the whole 附件3 quota is 6440). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024
export const IMPORT_MAX_ROWS = 7000

/** Most households one reassign call hands over: one transaction reads and writes each of them. */
export const REASSIGN_MAX = 100
/**
 * Households one cadre may claim for themselves (unassigned ones of their village) a China day: a
 * claim gives the full number, so claiming is limited like searching whole numbers. An admin's
 * hand-overs are not.
 */
export const CLAIMS_PER_DAY = 30

/**
 * The app uploads the picked .xlsx under this folder of cloud storage, in a sub-folder named by the
 * caller's OPENID: importXlsx only reads files the caller uploaded.
 */
export const CONTACT_IMPORT_DIR = 'contact-imports'
export const contactImportPrefix = (openid: string): string => `${CONTACT_IMPORT_DIR}/${openid}/`

export { contactIdSchema }

const fields = contactSchema.shape

/**
 * The town a call acts on: left out, the caller's own (a county admin's: the default town). A town
 * admin or a cadre naming another town is FORBIDDEN.
 */
const townChoice = z.optional(townNameSchema)

/** An optional village: a cadre may leave it out (theirs is used), an admin must name it. */
const villageChoice = z.optional(fields.village)

export const registerContactSchema = z.object({
  name: fields.name,
  phone: fields.phone,
  occupation: fields.occupation,
  address: fields.address,
  note: fields.note,
  /** 包户责任人: a cadre's own name when left out. */
  responsible: z.optional(fields.responsible),
  village: villageChoice,
  town: townChoice,
  consent: z.literal(true, { error: CONSENT_REQUIRED }),
  /**
   * The phone's id for this registration, the same on every attempt (a retry after a lost answer,
   * an upload from the offline outbox): the caller's own registration met again is never a conflict.
   */
  registrationId: z.optional(submissionIdSchema)
})

/** The fields `update` may change. */
export const CONTACT_FIELDS = ['name', 'phone', 'occupation', 'address', 'note', 'responsible', 'village'] as const
export type ContactField = (typeof CONTACT_FIELDS)[number]

/**
 * Only the fields present change. An optional text sent as '' is cleared (it parses to undefined,
 * but its key stays in the event); the whole contact is validated again after merging.
 */
export const updateContactSchema = z.object({
  id: contactIdSchema,
  name: z.optional(fields.name),
  phone: z.optional(fields.phone),
  occupation: fields.occupation,
  address: fields.address,
  note: fields.note,
  responsible: z.optional(fields.responsible),
  village: villageChoice,
  town: townChoice
})

export const SEARCH_DIGITS_INVALID = '请输入4位尾号或完整号码'

export type ContactSearch =
  | { kind: 'last4'; last4: string }
  /** A whole, valid number, normalised (13800138000, 0734-8160763). */
  | { kind: 'number'; phone: string }
  | { kind: 'name'; name: string }
  /** Digits that are neither: a part of a number would reveal masked digits one search at a time. */
  | { kind: 'invalid' }

/**
 * What a list search may look for: digits (typed any way the phone normaliser understands) are the
 * 4-digit 尾号 or a whole valid number, never a part of one; anything else is a full name.
 */
export function contactSearchOf(search: string): ContactSearch {
  const digits = normalizePhone(search).replace(/-/g, '')
  if (!/^\d+$/.test(digits)) return { kind: 'name', name: search }
  if (digits.length === 4) return { kind: 'last4', last4: digits }
  const parsed = parsePhone(search)
  return parsed.ok ? { kind: 'number', phone: parsed.normalized } : { kind: 'invalid' }
}

const searchSchema = z.optional(
  z.pipe(
    cleanString('搜索内容', { error: '搜索内容应为文字' }).check(z.refine((s) => charCount(s) <= 20, { error: '搜索内容不能超过20个字' })),
    z.transform((s: string) => (s === '' ? undefined : s))
  )
)

/** How the last mock call (模拟民调) to a household went, and when (ISO). */
export const lastCallSchema = z.object({ outcome: z.enum(CALL_OUTCOMES), at: z.string() })
export type LastCall = z.infer<typeof lastCallSchema>

/** One contact in a list. The phone is always masked; see `reveal`. */
export const contactItemSchema = z.object({
  id: z.string(),
  /** The household's town (always sent; optional for answers recorded before towns). */
  town: z.optional(z.string()),
  village: villageSchema,
  /** In full for the cadre who registered it and for admins; otherwise masked (张*). */
  name: z.string(),
  phoneMasked: z.string(),
  responsible: z.string(),
  occupation: z.optional(z.string()),
  /** Address and note only for the cadre who registered it and for admins. */
  address: z.optional(z.string()),
  note: z.optional(z.string()),
  /** The caller holds it (包户): they may edit, remove and reveal it. */
  mine: z.boolean(),
  /** Nobody holds it (registered by an admin, or its cadre was revoked or moved): a cadre of the village may claim it. */
  unassigned: z.boolean(),
  createdAt: z.string(),
  /** The last mock call placed to it from the household list; only for those who hold it (null: none yet). */
  lastCall: z.optional(z.nullable(lastCallSchema))
})
export type ContactItem = z.infer<typeof contactItemSchema>

/** What a town admin is shown as the town of a conflict's side that lies in another town (its village and names left empty). */
export const OTHER_TOWN = '其他乡镇'

/**
 * One refused registration, for the admin who settles it: the number masked, the town, village and
 * 包户责任人 that hold it, the town, village and name of the cadre (or admin) who tried. A town admin
 * sees the side that lies in another town as 其他乡镇, without its people's names.
 */
export const conflictItemSchema = z.object({
  /** The conflict's own id (one row of the audit trail). */
  id: z.string(),
  /** The household that holds the number, for reveal or update. */
  contactId: z.string(),
  phoneMasked: z.string(),
  holderTown: z.string(),
  holderVillage: z.string(),
  holderResponsible: z.string(),
  attemptTown: z.string(),
  attemptVillage: z.string(),
  attemptBy: z.string(),
  at: z.string()
})
export type ConflictItem = z.infer<typeof conflictItemSchema>

export const importSkipSchema = z.object({
  /** The row number as the spreadsheet shows it (1 = first row). */
  row: z.number().check(z.int()),
  reason: z.string()
})
export type ImportSkip = z.infer<typeof importSkipSchema>

export const contactsContract = defineFunction({
  register: {
    event: registerContactSchema,
    answer: z.object({
      id: z.string(),
      town: z.optional(z.string()),
      village: villageSchema,
      phoneMasked: z.string(),
      /** false when the caller had already registered this person (a retry): nothing new was written. */
      stored: z.boolean()
    })
  },
  update: {
    event: updateContactSchema,
    /** A new phone number gives the contact a new id. */
    answer: z.object({ id: z.string(), town: z.optional(z.string()), village: villageSchema, phoneMasked: z.string() })
  },
  remove: {
    event: z.object({ id: contactIdSchema, town: townChoice }),
    answer: z.object({ id: z.string() })
  },
  list: {
    /** `unassigned: true`: only the households nobody holds (to claim, or to hand over). */
    event: z.object({ town: townChoice, village: villageChoice, search: searchSchema, unassigned: z.optional(z.boolean({ error: '筛选条件不对' })), ...pageRequest }),
    answer: z.object({ contacts: z.array(contactItemSchema), total: z.number().check(z.int()) })
  },
  reveal: {
    event: z.object({ id: contactIdSchema, town: townChoice }),
    answer: z.object({ id: z.string(), phone: z.string() })
  },
  /** Hands households to an active cadre of their village (包户责任人): an admin any, a cadre unassigned ones to themselves. */
  reassign: {
    event: z.object({
      ids: z.array(contactIdSchema, { error: '请选择联系人' }).check(z.minLength(1, { error: '请选择联系人' }), z.maxLength(REASSIGN_MAX, { error: `一次最多调整${REASSIGN_MAX}户` })),
      to: z.string({ error: '请选择包户责任人' }).check(z.minLength(1, { error: '请选择包户责任人' }), z.maxLength(64)),
      town: townChoice
    }),
    answer: z.object({ reassigned: z.number().check(z.int()), to: z.string(), responsible: z.string() })
  },
  /**
   * Where the app uploads a picked sheet: `contact-imports/<OPENID>/<random>.xlsx`, on the file
   * registry before the upload, so an upload never handed to importXlsx is still swept and purged.
   */
  prepareImport: {
    event: z.object({}),
    answer: z.object({ cloudPath: z.string() })
  },
  importXlsx: {
    event: z.object({
      fileID: z
        .string({ error: '请先上传表格文件' })
        .check(z.maxLength(1024, { error: '文件编号过长' }), z.regex(/^cloud:\/\/[^/]+\/.+$/, { error: '文件编号不对,请重新上传表格' })),
      village: villageChoice,
      town: townChoice,
      /** The cadre confirms every resident in the sheet was told and agreed, as the form asks per household. */
      consent: z.literal(true, { error: IMPORT_CONSENT_REQUIRED })
    }),
    answer: z.object({ imported: z.number().check(z.int()), skipped: z.array(importSkipSchema) })
  },
  exportXlsx: {
    event: z.object({ town: townChoice, village: villageChoice }),
    answer: z.object({ fileID: z.string(), tempFileURL: z.string(), rows: z.number().check(z.int()) })
  },
  /** A town admin: conflicts where the attempt or the holder is in their town; a county admin: all, or one town's. */
  conflicts: {
    event: z.object({ town: townChoice, ...pageRequest }),
    answer: z.object({ conflicts: z.array(conflictItemSchema), total: z.number().check(z.int()) })
  },
  /** A county admin empties everything (no `town`) or one town; a town admin their own town only. */
  purge: {
    event: z.object({ town: townChoice, confirm: z.literal(PURGE_CONFIRMATION, { error: `请输入“${PURGE_CONFIRMATION}”以确认` }) }),
    answer: z.object({ removed: z.number().check(z.int()), filesDeleted: z.number().check(z.int()) })
  },
  /**
   * Deletes uploaded sheets older than a day that an import left behind (a crash), and inspection
   * photos older than a day that no score took; the daily timer runs it. County-wide housekeeping of
   * storage: a county admin's, not a town admin's.
   */
  sweepUploads: {
    event: z.object({}),
    answer: z.object({ filesDeleted: z.number().check(z.int()) })
  }
})
export type ContactsContract = typeof contactsContract
