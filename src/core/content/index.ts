export { OPEN_LETTER, type OpenLetter } from './letter'
export { SLOGANS } from './slogans'
export { HOTLINES, HOTLINE_LABEL } from './hotlines'
export { CAMPAIGN, FOUR_KNOWS, fourKnowsFor, type FourKnowsItem } from './campaign'
