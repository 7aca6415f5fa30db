import type { QuestionId } from './ids'
import type { Question } from './types'

/**
 * 附件1 问卷, as data: check it line by line against the paper.
 *
 * Text and labels are copied exactly from the source file, including its mixed
 * punctuation (ASCII , ( ) ? : next to full-width 、 “ ”).
 *
 * Flag decisions:
 * - `other`: the paper prints "其他(请注明:)"; the label is stored as "其他" and the
 *   "(请注明:)" prompt becomes the `other` flag (Q2-10, Q4-6, Q12-14, Q13-11).
 * - `notReadAloud`: "(不读出)" is stripped from the label (Q5-3, Q6-6, Q12-13).
 * - `exclusive` (multiple-choice only; a single choice is exclusive anyway):
 *   Q12-13 "无": no such force at all, cannot go with any named force or "其他".
 *   Q13-12 "不了解/不清楚": not knowing cannot go with naming a field.
 *   Q2 and Q4 have no exclusive option: every option there is a concrete item.
 *   "其他" is never exclusive: it is one more item next to the listed ones.
 * - `skipTo` / `skips` are the paper's "<跳至Qn>" / "<跳过Qn>" marks, kept verbatim;
 *   the relevance table (relevance.ts) is checked against them in the tests.
 */
export const QUESTIONS: readonly Question<QuestionId>[] = [
  {
    id: 'Q1',
    kind: 'single',
    text: '在目前的社会治安环境下(指居住地本区/县/市的社会治安状况),您感觉安全吗?',
    about: '了解您对居住地（本区/县/市）目前社会治安状况的整体感受。',
    options: [
      { value: 1, label: '安全', skipTo: 'Q3' },
      { value: 2, label: '比较安全', skipTo: 'Q3' },
      { value: 3, label: '不太安全' },
      { value: 4, label: '不安全' },
    ],
  },
  {
    id: 'Q2',
    kind: 'multiple',
    text: '(您感觉不太安全或不安全),您认为当地(居住地本区/县/市)存在哪些社会治安问题?',
    about: '第1题感觉不太安全或不安全时才问，了解您认为当地存在哪些社会治安问题，可选多项。',
    options: [
      { value: 1, label: '盗窃/抢劫/拐骗' },
      { value: 2, label: '流氓黑恶团伙' },
      { value: 3, label: '非法枪支弹药' },
      { value: 4, label: '卖淫嫖娼' },
      { value: 5, label: '吸毒/贩毒' },
      { value: 6, label: '赌博' },
      { value: 7, label: '电信网络诈骗' },
      { value: 8, label: '危害食品药品环境安全' },
      { value: 9, label: '非法集资/网络传销' },
      { value: 10, label: '其他', other: true },
    ],
  },
  {
    id: 'Q3',
    kind: 'single',
    text: '夜间在居住地附近单独出行,您担心自己的财产或者人身安全吗?',
    about: '了解您夜间在住处附近独自出行时，对自己财产和人身安全的感受。',
    options: [
      { value: 1, label: '担心' },
      { value: 2, label: '比较担心' },
      { value: 3, label: '不大担心' },
      { value: 4, label: '不担心' },
    ],
  },
  {
    id: 'Q4',
    kind: 'multiple',
    text: '您认为社会治安还应在哪些方面进一步加强?',
    about: '了解您认为社会治安工作还需要在哪些方面加强，可选多项。',
    options: [
      { value: 1, label: '加大打击违法犯罪力度' },
      { value: 2, label: '加大矛盾纠纷化解力度' },
      { value: 3, label: '加大巡逻守护力度' },
      { value: 4, label: '加大治安突出问题整治力度' },
      { value: 5, label: '加大地区整治力度' },
      { value: 6, label: '其他', other: true },
    ],
  },
  {
    id: 'Q5',
    kind: 'single',
    text: '在您家附近有没有矛盾纠纷、社会治安问题?',
    about: '了解您家附近是否存在矛盾纠纷或社会治安问题。',
    options: [
      { value: 1, label: '有' },
      { value: 2, label: '没有', skipTo: 'Q7' },
      { value: 3, label: '不了解/不清楚', notReadAloud: true, skipTo: 'Q7' },
    ],
  },
  {
    id: 'Q6',
    kind: 'single',
    text: '在您家附近出现的矛盾纠纷、社会治安问题能不能得到有效处理?',
    about: '第5题回答家附近存在这类问题时才问，了解这些问题后来的处理情况。',
    options: [
      { value: 1, label: '反映了,没人管', skips: 'Q8' },
      { value: 2, label: '有人管,但效果一般', skips: 'Q8' },
      { value: 3, label: '能得到有效处理' },
      { value: 4, label: '不了解处理情况' },
      { value: 5, label: '不知道向谁反映' },
      { value: 6, label: '不愿意评价', notReadAloud: true },
    ],
  },
  {
    id: 'Q7',
    kind: 'single',
    text: '您居住地(所在的区县或乡镇、街道等)是否有社会治安综合治理中心或者矛盾纠纷调处化解中心(如矛盾纠纷调解办公室、专职或兼职的矛盾纠纷调解员)?',
    about: '了解您是否知道居住地设有综治中心或矛盾纠纷调处化解中心（包括调解办公室、调解员）。',
    options: [
      { value: 1, label: '有' },
      { value: 2, label: '没有', skipTo: 'Q9' },
      { value: 3, label: '不了解/不清楚', skipTo: 'Q9' },
    ],
  },
  {
    id: 'Q8',
    kind: 'single',
    text: '您认为当地社会治安综合治理中心或者矛盾纠纷调处化解中心工作成效如何?',
    about: '第7题知道当地设有这类中心时才问，了解您对其工作成效的看法。',
    options: [
      { value: 1, label: '好' },
      { value: 2, label: '比较好' },
      { value: 3, label: '不太好' },
      { value: 4, label: '不好' },
      { value: 5, label: '不了解/不清楚' },
    ],
  },
  {
    id: 'Q9',
    kind: 'single',
    text: '您居住的社区(村)有网格员吗?',
    about: '了解您居住的社区（村）是否配有网格员。',
    options: [
      { value: 1, label: '有' },
      { value: 2, label: '没有', skipTo: 'Q11' },
      { value: 3, label: '不了解/不清楚', skipTo: 'Q11' },
    ],
  },
  {
    id: 'Q10',
    kind: 'single',
    text: '您认为您居住的社区(村)网格员在社会治安管理、排查矛盾纠纷、服务居民群众等方面发挥的作用如何?',
    about: '第9题知道有网格员时才问，了解您对网格员在治安管理、排查矛盾纠纷、服务群众等方面作用的看法。',
    options: [
      { value: 1, label: '好' },
      { value: 2, label: '比较好' },
      { value: 3, label: '不太好' },
      { value: 4, label: '不好' },
      { value: 5, label: '不了解/不清楚' },
    ],
  },
  {
    id: 'Q11',
    kind: 'single',
    text: '您对常态化扫黑除恶工作取得的成效是否满意?',
    about: '了解您对常态化扫黑除恶工作成效的看法。',
    options: [
      { value: 1, label: '满意' },
      { value: 2, label: '比较满意' },
      { value: 3, label: '不太满意' },
      { value: 4, label: '不满意' },
      { value: 5, label: '不了解/不清楚' },
    ],
  },
  {
    id: 'Q12',
    kind: 'multiple',
    text: '您认为您身边还存在哪类黑恶势力?',
    about: '了解您身边是否还存在各类黑恶势力，可选多项。',
    options: [
      { value: 1, label: '把持基层政权' },
      { value: 2, label: '利用家族宗族势力横行乡里' },
      { value: 3, label: '煽动闹事' },
      { value: 4, label: '强揽工程' },
      { value: 5, label: '欺行霸市' },
      { value: 6, label: '操纵经营黄赌毒' },
      { value: 7, label: '非法高利放贷' },
      { value: 8, label: '插手民间纠纷' },
      { value: 9, label: '利用网络进行黑恶犯罪' },
      { value: 10, label: '车霸路霸' },
      { value: 11, label: '沙霸' },
      { value: 12, label: '矿霸' },
      { value: 13, label: '无', notReadAloud: true, exclusive: true },
      { value: 14, label: '其他', other: true },
    ],
  },
  {
    id: 'Q13',
    kind: 'multiple',
    text: '您认为您身边哪些行业领域的规范整治效果比较明显?',
    about: '了解您身边哪些行业领域的规范整治效果比较明显，可选多项。',
    options: [
      { value: 1, label: '金融放贷' },
      { value: 2, label: '工程建设' },
      { value: 3, label: '交通运输' },
      { value: 4, label: '市场流通' },
      { value: 5, label: '自然资源' },
      { value: 6, label: '生态环境' },
      { value: 7, label: '文化旅游' },
      { value: 8, label: '教育卫生' },
      { value: 9, label: '信息网络' },
      { value: 10, label: '乡村治理' },
      { value: 11, label: '其他', other: true },
      { value: 12, label: '不了解/不清楚', exclusive: true },
    ],
  },
  {
    id: 'Q14',
    kind: 'single',
    text: '您对政法机关或政法队伍(包括法院、检察院、公安、司法等部门)的执法工作是否满意?',
    about: '了解您对政法机关和政法队伍（法院、检察院、公安、司法等部门）执法工作的看法。',
    options: [
      { value: 1, label: '满意' },
      { value: 2, label: '比较满意' },
      { value: 3, label: '不太满意' },
      { value: 4, label: '不满意' },
      { value: 5, label: '不了解/不清楚' },
    ],
  },
]
