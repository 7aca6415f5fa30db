import { z } from 'zod'
import { charCount, cleanString } from '../text'
import { townNameSchema, unitNameSchema } from '../towns'
import { defineFunction } from './define'

/**
 * 'admin' is a county admin (ADMIN_OPENIDS, or invited by one): every town. 'townAdmin' manages one
 * town; a cadre belongs to a unit of one town; everyone else is a resident.
 */
export const ROLES = ['resident', 'cadre', 'inspector', 'townAdmin', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** What an invite makes of the person who redeems it. */
export const INVITE_ROLES = ['cadre', 'inspector', 'townAdmin', 'admin'] as const
export type InviteRole = (typeof INVITE_ROLES)[number]

/**
 * A unit (village) of a town. Which names exist is the town's data (towns.units), so the function
 * checks it against the town, not this schema.
 */
export const villageSchema = unitNameSchema
const townChoice = townNameSchema.optional()

/** Invite codes are typed by hand from a chat: case, spaces and dashes do not matter. */
export const INVITE_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const INVITE_CODE_LENGTH = 10
export const inviteCodeSchema = z
  .string({ error: '请填写邀请码' })
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(
    z
      .string()
      .length(INVITE_CODE_LENGTH, { error: `邀请码应为${INVITE_CODE_LENGTH}位` })
      .regex(new RegExp(`^[${INVITE_CODE_ALPHABET}]+$`), { error: '邀请码含有无效字符' })
  )

export const personNameSchema = cleanString('姓名', { error: '请填写姓名' })
  .refine((s) => s.length > 0, { error: '请填写姓名' })
  .refine((s) => charCount(s) <= 20, { error: '姓名不能超过20个字' })

const isoDate = z.string()

export const whoamiSchema = z.object({
  openid: z.string(),
  role: z.enum(ROLES),
  /** The caller's town (absent for a county admin and a resident). */
  town: z.string().optional(),
  village: villageSchema.optional(),
  name: z.string().optional()
})
export type Whoami = z.infer<typeof whoamiSchema>

export const inviteSchema = z.object({
  code: z.string(),
  role: z.enum(INVITE_ROLES),
  town: z.string().nullable(),
  /** For a cadre's invite; null for an admin's. */
  village: villageSchema.nullable(),
  maxUses: z.number().int(),
  uses: z.number().int(),
  expiresAt: isoDate,
  revoked: z.boolean(),
  createdAt: isoDate
})
export type Invite = z.infer<typeof inviteSchema>

export const cadreSchema = z.object({
  openid: z.string(),
  town: z.string(),
  name: z.string(),
  /** The cadre's unit; '' for an inspector (who belongs to the town). */
  village: z.string(),
  /** Which list this is (listCadres `role`). */
  role: z.enum(['cadre', 'inspector']).optional(),
  since: isoDate
})
export type Cadre = z.infer<typeof cadreSchema>

/** A page of a list: `next` is the cursor for the following page, absent at the end. */
export const pageRequest = {
  page: z.number({ error: '页码应为数字' }).int().min(0).max(100000).default(0),
  pageSize: z.number({ error: '每页条数应为数字' }).int().min(1).max(100).default(20)
}

const cadreOpenidSchema = (missing: string) => z.string({ error: missing }).min(1, { error: missing }).max(64)

export const userContract = defineFunction({
  whoami: { event: z.object({}), answer: whoamiSchema },
  createInvite: {
    event: z.object({
      town: townChoice,
      /**
       * 'cadre' (default) needs `village` (any active unit of the town); 'inspector' (督查员) belongs to
       * the town (a county admin names it); 'townAdmin' and 'admin' invites are a county admin's.
       */
      role: z.enum(INVITE_ROLES, { error: '角色应为干部(cadre)、督查员(inspector)、乡镇管理员(townAdmin)或县级管理员(admin)' }).default('cadre'),
      village: villageSchema.optional(),
      maxUses: z.number({ error: '可用次数应为数字' }).int().min(1, { error: '可用次数至少为1' }).max(500, { error: '可用次数不能超过500' }).default(20),
      expiresInDays: z.number({ error: '有效天数应为数字' }).int().min(1, { error: '有效期至少1天' }).max(90, { error: '有效期不能超过90天' }).default(7)
    }),
    answer: inviteSchema
  },
  listInvites: {
    event: z.object({ town: townChoice, village: villageSchema.optional(), ...pageRequest }),
    answer: z.object({ invites: z.array(inviteSchema), total: z.number().int() })
  },
  revokeInvite: { event: z.object({ code: inviteCodeSchema }), answer: z.object({ code: z.string() }) },
  redeemInvite: {
    event: z.object({ code: inviteCodeSchema, name: personNameSchema }),
    answer: whoamiSchema
  },
  listCadres: {
    /** `role: 'inspector'` lists the town's inspectors instead of its cadres. */
    event: z.object({ town: townChoice, village: villageSchema.optional(), role: z.enum(['cadre', 'inspector'], { error: '角色应为干部(cadre)或督查员(inspector)' }).default('cadre'), ...pageRequest }),
    answer: z.object({ cadres: z.array(cadreSchema), total: z.number().int() })
  },
  /** The households they held stay with the village, unassigned (`released` of them). */
  revokeCadre: {
    event: z.object({ openid: cadreOpenidSchema('请指定要撤销的干部') }),
    answer: z.object({ openid: z.string(), released: z.number().int() })
  },
  /** Binds a cadre to another village; the households they held stay in the old one, unassigned. */
  moveCadre: {
    event: z.object({ openid: cadreOpenidSchema('请指定要调整的干部'), village: villageSchema }),
    answer: z.object({ openid: z.string(), village: villageSchema, released: z.number().int() })
  }
})
export type UserContract = typeof userContract
