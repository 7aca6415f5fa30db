import { CAMPAIGN, FOUR_KNOWS, HOTLINES, HOTLINE_LABEL, OPEN_LETTER, SLOGANS } from '../../src/core/content'
import { section } from './support/source'

describe('附件4 open letter', () => {
  test('title, subtitle, greeting, salutation, closing, senders, date', () => {
    expect(OPEN_LETTER.title).toBe('共建平安云集 共享和谐家园')
    expect(OPEN_LETTER.subtitle).toBe('——致全街道人民群众的一封公开信')
    expect(OPEN_LETTER.greeting).toBe('亲爱的父老乡亲们:')
    expect(OPEN_LETTER.salutation).toBe('大家好!')
    expect(OPEN_LETTER.closing).toBe('最后,衷心祝愿您及家人身体健康!万事顺意!')
    expect(OPEN_LETTER.senders).toEqual(['中共衡南县云集街道工作委员会', '衡南县云集街道办事处'])
    expect(OPEN_LETTER.date).toBe('2023年8月22日')
  })

  test('three body paragraphs, opening as printed', () => {
    expect(OPEN_LETTER.paragraphs).toHaveLength(3)
    expect(OPEN_LETTER.paragraphs.map((p) => p.slice(0, 8))).toEqual(['云集街道是我们共', '为了大家的幸福安', '2023年省市公'])
  })

  test('every part, in order, is exactly the printed letter line by line', () => {
    const printed = section('附件4:', '附件5:')
    expect([
      OPEN_LETTER.title,
      OPEN_LETTER.subtitle,
      OPEN_LETTER.greeting,
      OPEN_LETTER.salutation,
      ...OPEN_LETTER.paragraphs,
      OPEN_LETTER.closing,
      ...OPEN_LETTER.senders,
      OPEN_LETTER.date,
    ]).toEqual(printed)
  })
})

describe('附件5 slogans', () => {
  test('16 distinct slogans, in order of first appearance', () => {
    expect([...SLOGANS]).toEqual([
      '共创平安衡南,共享衡南平安。',
      '抓好综治民调,提升衡南形象。',
      '大家小家是一家,提升民调靠大家。',
      '综治民调人人参与,衡南形象共同维护。',
      '以人为本谋发展,同心协力创平安。',
      '全民发动,警民联防,群防群治,共创平安。',
      '平安两字重千金,社会稳定得民心。',
      '你为平安出一份力,平安为你添一份福。',
      '建设手拉手,和谐生活心连心。',
      '金贵银贵平安最贵,千好万好和谐最好。',
      '社会治理人人参与,平安衡南与您同行。',
      '社会治理新常态,全民参与动起来。',
      '社会治理人人参与,发展成果人人共享。',
      '法治是稳定的前提,平安是社会的根基。',
      '扫黑恶,净环境,促稳定,保平安。',
      '扫黑除恶扬正气,群防群治创平安。',
    ])
    expect(SLOGANS).toHaveLength(16)
  })

  test('the printed list has 20 numbered lines (one misnumbered 29) that reduce to exactly these', () => {
    const printed = section('附件5:', '附件下载').filter((l) => /^\d+\./.test(l))
    expect(printed).toHaveLength(20)
    expect(printed.map((l) => Number(l.split('.')[0]))).toContain(29)
    const distinct = [...new Set(printed.map((l) => l.replace(/^\d+\./, '')))]
    expect(distinct).toEqual([...SLOGANS])
  })
})

describe('hotlines', () => {
  test('0731-12340 and 0734-12340, labelled 社情民意调查热线', () => {
    expect(HOTLINE_LABEL).toBe('社情民意调查热线')
    expect(HOTLINES).toEqual([
      { number: '0731-12340', label: '社情民意调查热线' },
      { number: '0734-12340', label: '社情民意调查热线' },
    ])
  })

  test('both numbers appear in the open letter as printed', () => {
    for (const h of HOTLINES) expect(OPEN_LETTER.paragraphs[2]).toContain(h.number)
  })
})

describe('campaign schedule and the 四知 card', () => {
  test('runs from 8月下旬 to 11月中旬 in three phases', () => {
    expect(CAMPAIGN.start).toBe('8月下旬')
    expect(CAMPAIGN.end).toBe('11月中旬')
    expect(CAMPAIGN.phases).toEqual([
      { name: '动员部署阶段', period: '即日-8月下旬' },
      { name: '宣传发动阶段', period: '即日-10月底' },
      { name: '入户走访阶段', period: '即日-10月下旬' },
    ])
  })

  test('each phase and date appears in the plan as printed', () => {
    const plan = section('四、工作步骤', '六、奖惩措施').join('\n')
    expect(plan).toContain(`从${CAMPAIGN.start}开始至${CAMPAIGN.end}结束`)
    for (const p of CAMPAIGN.phases) expect(plan).toContain(`${p.name}(${p.period})`)
    expect(plan).toContain(CAMPAIGN.patrols)
    expect(plan).toContain(CAMPAIGN.inspections)
  })

  test('四知: 知电话, 知时间, 知内容, 知方法 with the facts', () => {
    expect(FOUR_KNOWS.map((k) => k.title)).toEqual(['知电话', '知时间', '知内容', '知方法'])
    expect(FOUR_KNOWS[0].text).toBe('调查电话为0731-12340、0734-12340，来电也可能显示“社情民意调查热线”。')
    expect(FOUR_KNOWS[1].text).toBe('2023年综治民调工作从8月下旬开始，到11月中旬结束，其间可能接到调查电话。')
    expect(FOUR_KNOWS[2].text).toContain('问卷共14题')
  })

  test('the card never tells residents which answer to give', () => {
    for (const k of FOUR_KNOWS) {
      for (const w of ['满意', '好评', '道一声', '标准答案', '请选']) expect(k.text).not.toContain(w)
    }
  })
})
