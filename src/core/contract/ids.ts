import { z } from 'zod'

/** Ids that several contracts share, kept apart so the contracts can use each other's without an import cycle. */

/** A client-made id, so a retry or a double tap stores one response, visit, registration or reply. */
export const submissionIdSchema = z
  .string({ error: '缺少提交编号' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '提交编号格式不对' })

/** A household's id (a keyed hash of its number, see server/functions/contacts/model.ts). */
export const contactIdSchema = z
  .string({ error: '缺少联系人编号' })
  .regex(/^[0-9a-f]{32}$/, { error: '联系人编号不对' })
