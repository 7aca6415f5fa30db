import { surveyContract } from '../core/contract/survey'
import { carry } from './contracts'

/** services/cloud with the survey function's contract: for the practice survey and the interview. */
carry({ survey: surveyContract })

export * from './cloud'
