import type { PrintTemplateName } from '../../../src/shared/print-templates.js';

/** One realistic data set per template, for the golden transcripts and the CLI. */
export const SAMPLE_DATA: Record<PrintTemplateName, unknown> = {
  'queue-ticket': {
    hallName: '示例市政务服务中心',
    queueName: '综合一窗',
    ticketNumber: 'A001',
    waitingAhead: 3,
    issuedAt: '2026-11-27T01:30:00Z',
    qrText: 'https://hall.example.gov.cn/q/A001',
  },
  'acceptance-receipt': {
    hallName: '示例市政务服务中心',
    caseNumber: '43060211100020261127000012',
    serviceName: '不动产转移登记（二手房买卖）',
    applicantName: '张测试',
    applicantIdNumber: '430602199003071231',
    materials: [
      { name: '不动产登记申请书', form: '原件', count: 1 },
      { name: '不动产权证书', form: '原件', count: 1 },
      { name: '买卖合同', form: '复印件', count: 2 },
    ],
    acceptedAt: '2026-11-27T01:45:00Z',
    promisedDate: '2026-12-04',
    windowLabel: '3号窗口 综合受理',
    clerkName: '王晓',
    progressUrl: 'https://platform.example.gov.cn/p/43060211100020261127000012',
  },
  'missing-materials-notice': {
    hallName: '示例市政务服务中心',
    serviceName: '不动产转移登记',
    applicantName: '张测试',
    items: [
      { material: '不动产权证书', problem: 'missing', requirement: '原件，须与申请人姓名一致' },
      { material: '婚姻状况证明', problem: 'non-compliant', requirement: '结婚证或离婚证原件及复印件', note: '所交复印件模糊不清' },
    ],
    issuedAt: '2026-11-27T02:00:00Z',
    windowLabel: '3号窗口 综合受理',
    clerkName: '王晓',
    contactPhone: '0730-12345',
  },
  'pickup-slip': {
    hallName: '示例市政务服务中心',
    caseNumber: '43060211100020261127000012',
    serviceName: '不动产转移登记',
    recipientName: '张测试',
    recipientIdNumber: '430602199003071231',
    resultName: '不动产权证书',
    resultNumber: '湘(2026)岳阳市不动产权第0012345号',
    pickedUpAt: '2026-12-04T06:00:00Z',
    windowLabel: '9号窗口 综合出件',
    clerkName: '李敏',
  },
  'service-guide': {
    hallName: '示例市政务服务中心',
    title: '住房公积金提取（租赁住房）',
    sample: true,
    windows: '住房公积金',
    timeLimit: '即来即办',
    fees: '不收费',
    materials: [
      { name: '职工居民身份证', form: '纸质原件', count: 1, conditional: false },
      { name: '住房租赁合同', form: '纸质或电子复印件', count: 1, conditional: true },
    ],
    notes: ['未备案的按本市租房提取标准额度提取'],
  },
  'prefill-slip': {
    hallName: '示例市政务服务中心',
    title: '住房公积金提取（租赁住房）',
    code: 'K7QW3MZP',
    qrText: 'onewindow:prefill:K7QW3MZP',
    expiresAt: '2026-11-28T09:30:00Z',
    materials: [
      { name: '职工居民身份证', form: '纸质原件', count: 1 },
      { name: '住房租赁合同', form: '纸质复印件', count: 2 },
    ],
  },
};
