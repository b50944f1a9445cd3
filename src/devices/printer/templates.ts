import { maskIdNumber, maskName } from '../../shared/id-number.js';
import { DEFAULT_TIME_ZONE, localDateTime } from '../../shared/local-date.js';
import { ticketRuleWords } from '../../shared/tickets.js';
import { PRINT_TEMPLATES, type PrintTemplateData, type PrintTemplateName } from '../../shared/print-templates.js';
import { printDocument, type PrintBlockInput, type PrintDocument } from './document.js';

/** zh-CN slips. Personal data is masked on every slip: a ticket left on a bench must not expose anyone. */
const when = (iso: string) => localDateTime(new Date(iso), DEFAULT_TIME_ZONE);
const PRIVACY = '请妥善保管本凭条，勿将个人信息告知他人';

function queueTicket(data: PrintTemplateData<'queue-ticket'>): PrintBlockInput[] {
  const rules = ticketRuleWords(data.rules);
  return [
    { kind: 'text', text: data.hallName, align: 'center', bold: true },
    { kind: 'text', text: data.queueName, align: 'center', width: 2, height: 2 },
    { kind: 'rule' },
    { kind: 'text', text: '您的号码', align: 'center' },
    { kind: 'text', text: data.ticketNumber, align: 'center', width: 4, height: 4, bold: true },
    ...(data.offline
      ? [
          { kind: 'text', text: '【离线取号】', align: 'center', width: 2, height: 2, bold: true } as PrintBlockInput,
          { kind: 'text', text: '大厅系统恢复后按取号时间排队叫号', align: 'center' } as PrintBlockInput,
          { kind: 'text', text: '号码可能不连续，请以叫号屏为准', align: 'center' } as PrintBlockInput,
        ]
      : []),
    ...(data.waitingAhead === null
      ? []
      : [{ kind: 'text', text: `前面还有 ${data.waitingAhead} 人等候`, align: 'center', width: 1, height: 2 } as PrintBlockInput]),
    { kind: 'text', text: `取号时间 ${when(data.issuedAt)}`, align: 'center' },
    { kind: 'text', text: '请在等候区留意大屏与语音叫号', align: 'center' },
    { kind: 'text', text: rules.recall, align: 'center' },
    { kind: 'text', text: rules.noShow, align: 'center' },
    ...(data.statusUrl
      ? [
          { kind: 'qr', data: data.statusUrl, moduleSize: 5 } as PrintBlockInput,
          { kind: 'text', text: '手机扫码查看排队进度', align: 'center' } as PrintBlockInput,
        ]
      : []),
    { kind: 'rule' },
    { kind: 'text', text: PRIVACY, align: 'center' },
    { kind: 'feed', lines: 2 },
    { kind: 'cut' },
  ];
}

function acceptanceReceipt(data: PrintTemplateData<'acceptance-receipt'>): PrintBlockInput[] {
  return [
    { kind: 'text', text: data.hallName, align: 'center', bold: true },
    { kind: 'text', text: '受理回执', align: 'center', width: 2, height: 2 },
    { kind: 'rule' },
    { kind: 'text', text: '受理编号', align: 'center' },
    { kind: 'text', text: data.receiptNumber, align: 'center', width: 2, height: 2, bold: true },
    { kind: 'pair', left: '查询码', right: data.checkCode, bold: true },
    ...(data.caseNumber ? [{ kind: 'pair', left: '办件编号', right: data.caseNumber } as PrintBlockInput] : []),
    { kind: 'text', text: `事项：${data.serviceName}` },
    { kind: 'pair', left: '申请人', right: maskName(data.applicantName) },
    { kind: 'pair', left: '证件号码', right: maskIdNumber(data.applicantIdNumber) },
    { kind: 'pair', left: '受理时间', right: when(data.acceptedAt) },
    { kind: 'pair', left: '承诺办结', right: data.promisedDate, bold: true },
    { kind: 'rule' },
    { kind: 'text', text: '已收材料', bold: true },
    ...data.materials.map((material, index): PrintBlockInput => ({
      kind: 'pair',
      left: `${index + 1}. ${material.name}`,
      right: `${material.form} ${material.count}份`,
    })),
    { kind: 'rule' },
    { kind: 'pair', left: '受理窗口', right: data.windowLabel },
    { kind: 'pair', left: '受理人', right: data.clerkName },
    { kind: 'qr', data: data.qrText, moduleSize: 5 },
    {
      kind: 'text',
      text: '凭受理编号和查询码或扫描此码，可在自助机查询办理进度；办结后请持本回执和身份证到任一窗口领取结果',
      align: 'center',
    },
    { kind: 'text', text: PRIVACY, align: 'center' },
    { kind: 'feed', lines: 2 },
    { kind: 'cut' },
  ];
}

function missingMaterialsNotice(data: PrintTemplateData<'missing-materials-notice'>): PrintBlockInput[] {
  return [
    { kind: 'text', text: data.hallName, align: 'center', bold: true },
    { kind: 'text', text: '一次性告知单', align: 'center', width: 2, height: 2 },
    { kind: 'rule' },
    {
      kind: 'text',
      text: `${maskName(data.applicantName)}：您申请办理的“${data.serviceName}”尚需补齐以下材料，补齐后即可受理，无需再次咨询。`,
    },
    { kind: 'text', text: `告知事由：${data.reason}` },
    { kind: 'rule' },
    ...data.items.flatMap((item, index): PrintBlockInput[] => [
      { kind: 'text', text: `${index + 1}. ${item.material}（${item.problem === 'missing' ? '缺少' : '不符合要求'}）`, bold: true },
      { kind: 'text', text: `   要求：${item.requirement}` },
      ...(item.note ? [{ kind: 'text', text: `   说明：${item.note}` } as PrintBlockInput] : []),
    ]),
    { kind: 'rule' },
    { kind: 'pair', left: '告知时间', right: when(data.issuedAt) },
    { kind: 'pair', left: '告知窗口', right: data.windowLabel },
    { kind: 'pair', left: '工作人员', right: data.clerkName },
    ...(data.contactPhone ? [{ kind: 'pair', left: '咨询电话', right: data.contactPhone } as PrintBlockInput] : []),
    { kind: 'text', text: '一次告知，补齐即办', align: 'center', bold: true },
    { kind: 'feed', lines: 2 },
    { kind: 'cut' },
  ];
}

function refusalNotice(data: PrintTemplateData<'refusal-notice'>): PrintBlockInput[] {
  return [
    { kind: 'text', text: data.hallName, align: 'center', bold: true },
    { kind: 'text', text: '不予受理通知书', align: 'center', width: 2, height: 2 },
    { kind: 'rule' },
    { kind: 'text', text: `${maskName(data.applicantName)}：` },
    { kind: 'text', text: `您申请办理的“${data.serviceName}”，经审查，决定不予受理。` },
    { kind: 'text', text: `理由：${data.grounds}`, bold: true },
    { kind: 'rule' },
    {
      kind: 'text',
      text: '如对本决定不服，可以自收到本通知书之日起六十日内依法申请行政复议，或者自收到本通知书之日起六个月内依法向人民法院提起行政诉讼。',
    },
    { kind: 'rule' },
    { kind: 'pair', left: '经办窗口', right: data.windowLabel },
    { kind: 'pair', left: '经办人', right: data.clerkName },
    { kind: 'pair', left: '工号', right: data.clerkId },
    { kind: 'pair', left: '日期', right: when(data.issuedAt) },
    { kind: 'text', text: `${data.hallName}（印章）`, align: 'right' },
    { kind: 'text', text: PRIVACY, align: 'center' },
    { kind: 'feed', lines: 2 },
    { kind: 'cut' },
  ];
}

function pickupSlip(data: PrintTemplateData<'pickup-slip'>): PrintBlockInput[] {
  return [
    { kind: 'text', text: data.hallName, align: 'center', bold: true },
    { kind: 'text', text: '出件单', align: 'center', width: 2, height: 2 },
    { kind: 'rule' },
    ...(data.receiptNumber ? [{ kind: 'pair', left: '受理编号', right: data.receiptNumber } as PrintBlockInput] : []),
    ...(data.caseNumber ? [{ kind: 'pair', left: '办件编号', right: data.caseNumber } as PrintBlockInput] : []),
    { kind: 'text', text: `事项：${data.serviceName}` },
    { kind: 'text', text: `结果：${data.resultName}${data.resultNumber ? `（${data.resultNumber}）` : ''}` },
    { kind: 'pair', left: '领取人', right: `${maskName(data.recipientName)}（${data.recipientRole}）` },
    { kind: 'pair', left: '证件号码', right: maskIdNumber(data.recipientIdNumber) },
    { kind: 'pair', left: '领取时间', right: when(data.pickedUpAt) },
    { kind: 'pair', left: '出件窗口', right: data.windowLabel },
    { kind: 'pair', left: '经办人', right: data.clerkName },
    { kind: 'feed', lines: 2 },
    { kind: 'text', text: '领取人签字：______________' },
    { kind: 'feed', lines: 2 },
    { kind: 'cut' },
  ];
}

function serviceGuide(data: PrintTemplateData<'service-guide'>): PrintBlockInput[] {
  return [
    { kind: 'text', text: data.hallName, align: 'center', bold: true },
    { kind: 'text', text: '办事指南', align: 'center', width: 2, height: 2 },
    ...(data.sample ? [{ kind: 'text', text: '（示例事项库，仅供演示）', align: 'center' } as PrintBlockInput] : []),
    { kind: 'text', text: data.title, bold: true },
    { kind: 'rule' },
    { kind: 'pair', left: '办理窗口', right: data.windows },
    { kind: 'text', text: `办理时限：${data.timeLimit}` },
    { kind: 'text', text: `收费：${data.fees}` },
    { kind: 'rule' },
    { kind: 'text', text: '请携带以下材料：', bold: true },
    ...data.materials.map((material, index): PrintBlockInput => ({
      kind: 'text',
      text: `${index + 1}. ${material.name}（${material.form}${material.count > 1 ? ` ${material.count}份` : ''}）${material.conditional ? '［视情形］' : ''}`,
    })),
    ...(data.notes.length
      ? [{ kind: 'rule' } as PrintBlockInput, ...data.notes.map((note): PrintBlockInput => ({ kind: 'text', text: `· ${note}` }))]
      : []),
    { kind: 'feed', lines: 2 },
    { kind: 'cut' },
  ];
}

function prefillSlip(data: PrintTemplateData<'prefill-slip'>): PrintBlockInput[] {
  return [
    { kind: 'text', text: data.hallName, align: 'center', bold: true },
    { kind: 'text', text: '预填单', align: 'center', width: 2, height: 2 },
    { kind: 'text', text: data.title, bold: true },
    { kind: 'rule' },
    { kind: 'text', text: '预填码', align: 'center' },
    { kind: 'text', text: data.code, align: 'center', width: 2, height: 2, bold: true },
    { kind: 'qr', data: data.qrText, moduleSize: 6 },
    { kind: 'text', text: '取号后请到综合窗口出示本单，工作人员扫码即可调取您填写的内容', align: 'center' },
    { kind: 'text', text: `有效期至 ${when(data.expiresAt)}`, align: 'center' },
    ...(data.materials.length
      ? [
          { kind: 'rule' } as PrintBlockInput,
          { kind: 'text', text: '请备齐以下材料：', bold: true } as PrintBlockInput,
          ...data.materials.map((material, index): PrintBlockInput => ({
            kind: 'text',
            text: `${index + 1}. ${material.name}（${material.form}${material.count > 1 ? ` ${material.count}份` : ''}）`,
          })),
        ]
      : []),
    { kind: 'rule' },
    { kind: 'text', text: PRIVACY, align: 'center' },
    { kind: 'feed', lines: 2 },
    { kind: 'cut' },
  ];
}

const BUILDERS: { [K in PrintTemplateName]: (data: PrintTemplateData<K>) => PrintBlockInput[] } = {
  'queue-ticket': queueTicket,
  'acceptance-receipt': acceptanceReceipt,
  'missing-materials-notice': missingMaterialsNotice,
  'refusal-notice': refusalNotice,
  'pickup-slip': pickupSlip,
  'service-guide': serviceGuide,
  'prefill-slip': prefillSlip,
};

/** Checks the data against its template's schema and builds the document; bad data throws a ZodError naming the field. */
export function renderTemplate<K extends PrintTemplateName>(name: K, data: unknown): PrintDocument {
  const parsed = PRINT_TEMPLATES[name].parse(data) as PrintTemplateData<K>;
  return printDocument(BUILDERS[name](parsed));
}
