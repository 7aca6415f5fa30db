import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type * as z from 'zod/mini'
import { BUILTIN_VERSION, defaultCampaignName, defaultEndsOn, defaultPhases, deletionNotice, FIRST_YEAR } from '../core/campaigns'
import { campaignsResident } from '../core/contract/campaigns-resident'
import { QUESTIONNAIRE_2023, questionnaireWireSchema, type Questionnaire } from '../core/questionnaire/model'
import { callCloud } from './cloud-campaigns'

/**
 * Which campaign and questionnaire the practice and the mock call run: `campaigns.current`, kept on
 * the phone for weak signal (the last answer, and every questionnaire version seen, for drafts begun
 * on one), and the built-in 2023 one when nothing was ever fetched.
 */
export type CurrentCampaign = z.output<typeof campaignsResident.current.answer>

const CURRENT_KEY = 'campaign-current'
const VERSIONS_KEY = 'questionnaires'
/** Versions kept on the phone (a draft answers one; older ones are of no use). */
const VERSIONS_KEPT = 3

/** The first campaign and the questionnaire built into the app: what runs before any fetch succeeded. */
export function builtinCampaign(): CurrentCampaign {
  const base = { year: FIRST_YEAR, status: 'current' as const, endsOn: defaultEndsOn(FIRST_YEAR), closedAt: null }
  return {
    ...base,
    name: defaultCampaignName(FIRST_YEAR),
    questionnaireVersion: BUILTIN_VERSION,
    phases: defaultPhases(FIRST_YEAR),
    removed: null,
    deletionNotice: deletionNotice(base),
    questionnaire: QUESTIONNAIRE_2023
  }
}

function read(key: string): unknown {
  try {
    return Taro.getStorageSync(key)
  } catch {
    return undefined
  }
}
function write(key: string, value: unknown): void {
  try {
    Taro.setStorageSync(key, value)
  } catch {
    // Storage full or unavailable: the next start fetches again, or runs the built-in one.
  }
}

/** The last `campaigns.current` answer kept on the phone, checked as the contract checks it; null if none or unreadable. */
export function storedCampaign(): CurrentCampaign | null {
  const parsed = campaignsResident.current.answer.safeParse(read(CURRENT_KEY))
  return parsed.success ? parsed.data : null
}

/** What runs now without the network: the last one fetched, else the built-in one. */
export function campaignOnPhone(): CurrentCampaign {
  return storedCampaign() ?? builtinCampaign()
}

function storedVersions(): Questionnaire[] {
  const raw = read(VERSIONS_KEY)
  if (!Array.isArray(raw)) return []
  return raw.flatMap((q) => {
    const parsed = questionnaireWireSchema.safeParse(q)
    return parsed.success ? [parsed.data] : []
  })
}

/** A questionnaire version the phone knows (the built-in one always); null when it never saw it. */
export function questionnaireOnPhone(version: string): Questionnaire | null {
  if (version === BUILTIN_VERSION) return QUESTIONNAIRE_2023
  const current = storedCampaign()
  if (current?.questionnaire.version === version) return current.questionnaire
  return storedVersions().find((q) => q.version === version) ?? null
}

function keep(campaign: CurrentCampaign): void {
  write(CURRENT_KEY, campaign)
  const q = campaign.questionnaire
  if (q.version === BUILTIN_VERSION) return
  const others = storedVersions().filter((v) => v.version !== q.version)
  write(VERSIONS_KEY, [q, ...others].slice(0, VERSIONS_KEPT))
}

/** Asks for the current campaign; kept on the phone when it answers. Null when it cannot be fetched now. */
export async function refreshCampaign(): Promise<CurrentCampaign | null> {
  let res
  try {
    res = await callCloud('campaigns', { action: 'current' })
  } catch {
    return null
  }
  // Checked here too: whatever reaches storage is read back by the same schema.
  const parsed = res && res.ok ? campaignsResident.current.answer.safeParse(res.data) : null
  if (!parsed?.success) return null
  keep(parsed.data)
  return parsed.data
}

/** The campaign for texts that name its year (consent, the privacy notice): the phone's at once, then the fetched one. */
export function useCampaign(): CurrentCampaign {
  const [campaign, setCampaign] = useState(campaignOnPhone)
  useEffect(() => {
    let live = true
    refreshCampaign().then((c) => {
      if (live && c) setCampaign(c)
    })
    return () => {
      live = false
    }
  }, [])
  return campaign
}
