/** Every collection the functions use. Clients never read or write them directly (see README: security rules). */
export const COLLECTIONS = {
  users: 'users',
  invites: 'invites',
  audit: 'audit_log',
  /** The county's towns (乡镇/街道): name, letter, slogans. */
  towns: 'towns',
  /** Every town's units (villages with their quotas), id `<town>/<unit>`. */
  villages: 'villages',
  settings: 'settings',
  surveyResponses: 'survey_responses',
  rateLimits: 'rate_limits',
  villageCounters: 'village_counters',
  cadreCounters: 'cadre_counters',
  contacts: 'contacts',
  statSnapshots: 'stat_snapshots',
  villageStats: 'village_stats',
  /** The county's latest table of towns, one document per town, to read in the cloud console. */
  townStats: 'town_stats',
  /** Every file the functions know in cloud storage (uploads seen by importXlsx, exports): the SDK cannot list a folder. */
  storedFiles: 'stored_files',
  /** One document per recorded household visit (入户走访), `_id` a keyed hash of the caller and their visitId. */
  visits: 'visits',
  /** Per unit (`_id` unitKey): how many households are visited, and have the letter, the card, the explanation. */
  visitCounters: 'visit_counters',
  /** 群众诉求: one document per concern; a resident only as a keyed hash. */
  concerns: 'concerns',
  /** A concern's 6-character code, id the code: a code is unique by its document. */
  concernCodes: 'concern_codes',
  /** Per unit `<town>/<village>` (`<town>/` for none): raised, replied, closed, overdue. */
  concernCounters: 'concern_counters',
  /** 督查, per town (`_id` the town): its score sheet, schedule, and which round is open (the one-open-round guard). */
  inspectionSettings: 'inspection_settings',
  /** One per round, `_id` `<town>/<year>-<number>`: the sheet frozen at opening, status, who opened and closed it. */
  inspectionRounds: 'inspection_rounds',
  /** One per unit of a round (`_id` `<round>/u<index>`), naming the unit in `village`: frozen figures, entries, score. */
  inspectionScores: 'inspection_scores',
  /** 整改 tasks, naming the unit in `village`: found in a round, done by its cadres, verified or carried by the next. */
  inspectionTasks: 'inspection_tasks',
  /** 测评年度: one document per year (`_id` the year), its phases, questionnaire version and status. */
  campaigns: 'campaigns',
  /** Imported questionnaire versions (`_id` the version), drafts until a campaign uses one; 2023 is built in. */
  questionnaires: 'questionnaires'
} as const

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS]
