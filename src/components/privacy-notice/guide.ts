/**
 * 平安民调 用户隐私保护指引, as the app shows it. privacy/privacy-guide.md carries the same text for the
 * WeChat admin console (a test keeps the two in step). Plain words, the PIPL art. 17 points in order:
 * who, what, why, how long, who sees it, the person's rights, how to reach us.
 */
/** Bump when the guide changes in substance: everyone is asked again (see services/consent.ts). */
export const PRIVACY_VERSION = '2023-08-v1'

export interface GuideSection {
  readonly heading: string
  readonly paragraphs: readonly string[]
}

export const PRIVACY_GUIDE: { readonly title: string; readonly intro: string; readonly sections: readonly GuideSection[] } = {
  title: '平安民调 用户隐私保护指引',
  intro:
    '本小程序由衡南县云集街道社会治安综合治理和应急管理办公室（以下简称“街道综治办”）为公众安全感和满意度测评（综治民调）工作开发和运营。请您在使用练习答题等功能前阅读本指引。',
  sections: [
    {
      heading: '一、我们收集哪些信息',
      paragraphs: [
        '居民练习答题：您在练习中选择的答案、“其他”项中填写的文字，以及您自愿选择的所在村(社区)（可以选“不愿透露”）。练习不收集您的姓名和电话号码。',
        '村(社区)干部：登记为干部时填写的姓名和所属村(社区)；干部为包户工作登记的居民联系信息（姓名、电话号码、职业、常住地址）；模拟民调中记录的通话结果和答案。',
        '微信为每次使用提供的用户标识（OpenID），用于区分居民与干部身份、防止同一份练习重复提交；练习记录中只保存由它计算出的、无法还原的摘要。',
        '保存在您手机上的信息：未完成的练习草稿和您对本指引的同意记录，只存放在您自己的手机上。干部在没有网络时登记的居民信息、走访记录和诉求答复，会先存在干部自己的手机上，有网络后自动上传，上传成功即从手机上删除。',
        '当您轻点宣传标语时，小程序会把这条标语写入剪切板，方便您转发；小程序不会读取您剪切板里的内容。'
      ]
    },
    {
      heading: '二、我们为什么收集',
      paragraphs: [
        '帮助居民熟悉调查问卷和调查热线；了解群众对社会治安的真实感受，找到需要改进的工作；组织干部走访、包户和模拟民调。',
        '练习答题只用于熟悉问卷，不评分、不给出“标准答案”，也不会用您的答案评价您个人。'
      ]
    },
    {
      heading: '三、保存多久',
      paragraphs: ['以上信息只保存到本年度测评工作结束，工作结束后30日内删除或作匿名化处理。您手机上的草稿在提交后自动清除；干部手机上待上传的记录在上传成功或干部放弃后即删除。']
    },
    {
      heading: '四、谁能看到',
      paragraphs: [
        '练习答案只以汇总统计的形式提供给街道综治办，不会单独展示某一个人的答案。',
        '居民联系信息只有负责登记的本村(社区)干部和街道综治办管理员可以查看，列表中的电话号码部分隐藏。',
        '信息存放在微信云开发（腾讯云）的数据库中。除法律法规另有规定外，我们不会向任何第三方提供、出售或公开这些信息。'
      ]
    },
    {
      heading: '五、您的权利',
      paragraphs: [
        '您有权查阅、复制、更正、删除您的个人信息，也可以撤回同意。撤回同意不影响您阅读公开信、宣传标语和调查热线。',
        '您可以在微信中删除本小程序来清除手机上的草稿和同意记录；对已提交的信息，请通过下面的方式联系我们，我们将在15个工作日内处理。'
      ]
    },
    {
      heading: '六、联系我们',
      paragraphs: ['衡南县云集街道社会治安综合治理和应急管理办公室（街道综治办）。您也可以请为您服务的村(社区)干部代为转达。']
    }
  ]
}
