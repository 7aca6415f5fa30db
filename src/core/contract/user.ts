import * as z from 'zod/mini'
import { charCount, cleanString } from '../text'
import { townNameSchema } from '../towns'
import { defineFunction } from './define'
import { villageSchema, whoamiSchema, userResident } from './user-resident'

export * from './user-resident'

/** What an invite makes of the person who redeems it. */
export const INVITE_ROLES = ['cadre', 'inspector', 'townAdmin', 'admin'] as const

export type InviteRole = (typeof INVITE_ROLES)[number]

const townChoice = z.optional(townNameSchema)

/** Invite codes are typed by hand from a chat: case, spaces and dashes do not matter. */
export const INVITE_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

export const INVITE_CODE_LENGTH = 10

export const inviteCodeSchema = z.pipe(
  z.pipe(
    z.string({ error: '请填写邀请码' }),
    z.transform((s: string) => s.replace(/[\s-]/g, '').toUpperCase())
  ),
  z
    .string()
    .check(
      z.length(INVITE_CODE_LENGTH, { error: `邀请码应为${INVITE_CODE_LENGTH}位` }),
      z.regex(new RegExp(`^[${INVITE_CODE_ALPHABET}]+$`), { error: '邀请码含有无效字符' })
    )
)

export const personNameSchema = cleanString('姓名', { error: '请填写姓名' }).check(
  z.refine((s) => s.length > 0, { error: '请填写姓名' }),
  z.refine((s) => charCount(s) <= 20, { error: '姓名不能超过20个字' })
)

const isoDate = z.string()

export const inviteSchema = z.object({
  code: z.string(),
  role: z.enum(INVITE_ROLES),
  town: z.nullable(z.string()),
  /** For a cadre's invite; null for an admin's. */
  village: z.nullable(villageSchema),
  maxUses: z.int(),
  uses: z.int(),
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
  role: z.optional(z.enum(['cadre', 'inspector'])),
  since: isoDate
})
export type Cadre = z.infer<typeof cadreSchema>

/** A page of a list: `next` is the cursor for the following page, absent at the end. */
export const pageRequest = {
  page: z._default(z.number({ error: '页码应为数字' }).check(z.int(), z.gte(0), z.lte(100000)), 0),
  pageSize: z._default(z.number({ error: '每页条数应为数字' }).check(z.int(), z.gte(1), z.lte(100)), 20)
}

const cadreOpenidSchema = (missing: string) => z.string({ error: missing }).check(z.minLength(1, { error: missing }), z.maxLength(64))

export const userContract = defineFunction({
  whoami: userResident.whoami,
  createInvite: {
    event: z.object({
      town: townChoice,
      /**
       * 'cadre' (default) needs `village` (any active unit of the town); 'inspector' (督查员) belongs to
       * the town (a county admin names it); 'townAdmin' and 'admin' invites are a county admin's.
       */
      role: z._default(z.enum(INVITE_ROLES, { error: '角色应为干部(cadre)、督查员(inspector)、乡镇管理员(townAdmin)或县级管理员(admin)' }), 'cadre'),
      village: z.optional(villageSchema),
      maxUses: z._default(
        z.number({ error: '可用次数应为数字' }).check(z.int(), z.gte(1, { error: '可用次数至少为1' }), z.lte(500, { error: '可用次数不能超过500' })),
        20
      ),
      expiresInDays: z._default(
        z.number({ error: '有效天数应为数字' }).check(z.int(), z.gte(1, { error: '有效期至少1天' }), z.lte(90, { error: '有效期不能超过90天' })),
        7
      )
    }),
    answer: inviteSchema
  },
  listInvites: {
    event: z.object({ town: townChoice, village: z.optional(villageSchema), ...pageRequest }),
    answer: z.object({ invites: z.array(inviteSchema), total: z.int() })
  },
  revokeInvite: { event: z.object({ code: inviteCodeSchema }), answer: z.object({ code: z.string() }) },
  redeemInvite: {
    event: z.object({ code: inviteCodeSchema, name: personNameSchema }),
    answer: whoamiSchema
  },
  listCadres: {
    /** `role: 'inspector'` lists the town's inspectors instead of its cadres. */
    event: z.object({
      town: townChoice,
      village: z.optional(villageSchema),
      role: z._default(z.enum(['cadre', 'inspector'], { error: '角色应为干部(cadre)或督查员(inspector)' }), 'cadre'),
      ...pageRequest
    }),
    answer: z.object({ cadres: z.array(cadreSchema), total: z.int() })
  },
  /** The households they held stay with the village, unassigned (`released` of them). */
  revokeCadre: {
    event: z.object({ openid: cadreOpenidSchema('请指定要撤销的干部') }),
    answer: z.object({ openid: z.string(), released: z.int() })
  },
  /** Binds a cadre to another village; the households they held stay in the old one, unassigned. */
  moveCadre: {
    event: z.object({ openid: cadreOpenidSchema('请指定要调整的干部'), village: villageSchema }),
    answer: z.object({ openid: z.string(), village: villageSchema, released: z.int() })
  }
})

export type UserContract = typeof userContract
