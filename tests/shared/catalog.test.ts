import { describe, expect, it } from 'vitest';
import { assembleCatalog, type SourceFile } from '../../src/shared/catalog-check.js';
import { formJsonSchema, formProblems, prefillFromCard } from '../../src/shared/form-values.js';
import { guideContent, guideHtml, guideSlipData } from '../../src/shared/guide-document.js';
import { allAnswerPaths, guideBundle, guideItem } from '../../src/shared/guidance.js';
import { renderTemplate } from '../../src/devices/printer/templates.js';
import { sampleCatalog, sampleSource } from '../helpers/catalog.js';

const catalog = sampleCatalog();
const byName = (name: string) => catalog.items.find((item) => item.name === name)!;

describe('the sample catalog', () => {
  it('covers every zone of the hall with at least 24 items and two bundles, marked as a sample', () => {
    expect(catalog.sample).toBe(true);
    expect(catalog.items.length).toBeGreaterThanOrEqual(24);
    expect(catalog.bundles.map((bundle) => bundle.name)).toEqual(['新生儿出生一件事', '开办企业一件事']);
    const departments = catalog.items.map((item) => item.department).join();
    for (const zone of ['不动产', '税务', '公积金', '人力资源和社会保障', '医疗保障', '公安', '市场监督管理', '住房和城乡建设'])
      expect(departments).toContain(zone);
    expect(new Set(catalog.items.map((item) => item.zone))).toEqual(new Set(catalog.zones.map((zone) => zone.id)));
  });

  it('guides every path of every item to an outcome whose materials and form exist', () => {
    let paths = 0;
    for (const item of catalog.items) {
      for (const answers of allAnswerPaths(item)) {
        const step = guideItem(catalog, item.implCode, answers);
        expect(step.kind).toBe('result');
        if (step.kind !== 'result') continue;
        expect(step.materials.length).toBeGreaterThan(0);
        for (const material of step.materials) expect(item.materials.map((m) => m.id)).toContain(material.id);
        expect(catalog.forms.map((form) => form.id)).toContain(step.form.id);
        paths++;
      }
    }
    expect(paths).toBeGreaterThan(catalog.items.length);
  });

  it('gives exactly the materials of the situation: 存量房 bought by one married buyer in person', () => {
    const item = byName('不动产转移登记（存量房买卖）');
    const first = guideItem(catalog, item.implCode, {});
    expect(first).toMatchObject({ kind: 'question', text: '买方是一人还是多人？', answered: 0 });
    const step = guideItem(catalog, item.implCode, { buyers: 'one', married: 'yes', 'by-agent-married': 'no' });
    expect(step.kind === 'result' && step.materials.map((m) => m.id)).toEqual([
      'id-card',
      'property-cert',
      'sale-contract',
      'tax-receipt',
      'marriage-cert',
    ]);
    const shared = guideItem(catalog, item.implCode, { buyers: 'many', 'married-many': 'no', 'by-agent-co': 'yes' });
    expect(shared.kind === 'result' && shared.materials.map((m) => m.id)).toEqual([
      'id-card',
      'property-cert',
      'sale-contract',
      'tax-receipt',
      'co-ownership',
      'agent-authorisation',
    ]);
    const rental = byName('住房公积金提取（租赁住房）');
    const filed = guideItem(catalog, rental.implCode, { filed: 'yes' });
    expect(filed.kind === 'result' && filed.materials.map((m) => m.id)).toEqual(['id-card', 'bank-card']);
    expect(filed.kind === 'result' && filed.notes[0]).toContain('备案合同');
    expect(() => guideItem(catalog, item.implCode, { buyers: 'three' })).toThrow(/没有选项 three/);
    expect(() => guideItem(catalog, 'NOPE', {})).toThrow(/no item NOPE/);
  });

  it('merges a bundle: one entry per material across its items, one form asking shared fields once', () => {
    const question = guideBundle(catalog, 'newborn', {});
    expect(question).toMatchObject({ kind: 'question', itemName: '出生登记（户口）' });
    const [birth, insurance, card] = catalog.bundles[0]!.items;
    const step = guideBundle(catalog, 'newborn', {
      [birth!]: { married: 'yes' },
      [insurance!]: { newborn: 'yes' },
      [card!]: { minor: 'minor' },
    });
    if (step.kind !== 'result') throw new Error('expected a result');
    const ids = step.materials.map((m) => m.id);
    expect(ids).toEqual([...new Set(ids)]);
    expect(ids).toEqual(['birth-cert', 'household-register', 'guardian-id', 'marriage-cert', 'photo']);
    expect(step.materials.find((m) => m.id === 'household-register')!.items).toEqual([birth, insurance, card]);
    const fields = step.form.pages.flatMap((page) => page.fields.map((field) => field.id));
    expect(fields).toEqual([...new Set(fields)]);
    expect(step.form.pages[0]!.title).toBe('共同信息');
    expect(step.form.pages[0]!.fields.map((f) => f.id)).toEqual(expect.arrayContaining(['baby-name', 'applicant-id', 'phone']));

    const business = guideBundle(catalog, 'open-business', {});
    expect(business.kind === 'result' && business.materials.filter((m) => m.id === 'business-licence')[0]!.items).toHaveLength(4);
  });
});

describe('catalog checker', () => {
  const edit = (path: string, change: (json: Record<string, unknown>) => void): SourceFile[] =>
    sampleSource().map((file) => {
      if (file.path !== path) return file;
      const json = JSON.parse(file.text) as Record<string, unknown>;
      change(json);
      return { path, text: JSON.stringify(json) };
    });
  type Json = { items: Record<string, any>[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
  const onItem = (change: (item: Json['items'][number]) => void) =>
    edit('items/housing-fund.json', (json) => change((json as unknown as Json).items[1]!));
  const problems = (files: SourceFile[]) => assembleCatalog(files).problems.map((p) => `${p.file} ${p.path}: ${p.message}`);

  it.each<[string, () => SourceFile[], RegExp]>([
    [
      'broken JSON, with its line',
      () => [...sampleSource().filter((f) => f.path !== 'forms.json'), { path: 'forms.json', text: '{\n  "forms": [\n  }' }],
      /forms\.json line 3, column \d+: 不是有效的 JSON/,
    ],
    ['a schema error, with its path', () => onItem((item) => (item.caseType = '5')), /items\/housing-fund\.json items\.1\.caseType: /],
    [
      'a duplicate 实施编码',
      () => onItem((item) => (item.implCode = '11440300MB2E11352A440117001000')),
      /items\.1\.implCode: 实施编码 .*重复/,
    ],
    ['an unknown zone', () => onItem((item) => (item.zone = 'moon')), /items\.1\.zone: .*unknown zone/],
    [
      'an option pointing nowhere',
      () => onItem((item) => (item.situations.nodes.filed.options[0].next = 'nowhere')),
      /situations\.nodes\.filed\.options\.0\.next: .*does not exist/,
    ],
    [
      'an unreachable node',
      () => onItem((item) => (item.situations.nodes.orphan = { kind: 'outcome', materials: ['id-card'], form: 'fund-withdraw' })),
      /situations\.nodes\.orphan: .*unreachable/,
    ],
    [
      'a loop with no outcome',
      () => onItem((item) => item.situations.nodes.filed.options.forEach((option: { next: string }) => (option.next = 'filed'))),
      /situations\.nodes\.filed: .*\(a loop\)/,
    ],
    [
      'a material no item has',
      () => onItem((item) => item.situations.nodes['filed-yes'].materials.push('passport')),
      /materials\.2: .*not one of the item's materials/,
    ],
    [
      'a material no outcome uses',
      () => onItem((item) => item.materials.push({ ...item.materials[0], id: 'spare' })),
      /items\.1\.materials\.3: .*used by no outcome/,
    ],
    ['an unknown form', () => onItem((item) => (item.situations.nodes['filed-yes'].form = 'nope')), /form: .*no such form/],
    ['a flow out of order', () => onItem((item) => (item.flow = ['决定', '受理'])), /items\.1\.flow: .*受理 → 审核 → 决定/],
    ['a promise beyond the legal limit', () => onItem((item) => (item.promisedDays = 30)), /promisedDays: .*exceeds the legal one/],
    [
      'a duplicate field',
      () =>
        edit('forms.json', (json) =>
          (json as { forms: { pages: { fields: unknown[] }[] }[] }).forms[0]!.pages[0]!.fields.push({
            id: 'phone',
            label: '电话',
            type: 'phone',
          }),
        ),
      /forms\.0\.pages\.0\.fields\.5\.id: .*duplicate field id/,
    ],
    [
      'a choice without options',
      () =>
        edit('forms.json', (json) =>
          (json as { forms: { pages: { fields: unknown[] }[] }[] }).forms[0]!.pages[0]!.fields.push({
            id: 'kind',
            label: '类型',
            type: 'choice',
          }),
        ),
      /needs options/,
    ],
    [
      'a bad pattern',
      () =>
        edit(
          'forms.json',
          (json) =>
            ((json as { forms: { pages: { fields: { rules?: unknown }[] }[] }[] }).forms[0]!.pages[0]!.fields[0]!.rules = {
              pattern: '([',
              message: '坏',
            }),
        ),
      /rules\.pattern: .*not a valid regular expression/,
    ],
    [
      'a card value in the wrong field',
      () =>
        edit(
          'forms.json',
          (json) =>
            ((json as { forms: { pages: { fields: { prefill?: string }[] }[] }[] }).forms[0]!.pages[0]!.fields[2]!.prefill = 'birthDate'),
        ),
      /prefill: .*cannot fill a phone field/,
    ],
    [
      'a bundle of unknown items',
      () =>
        edit('bundles.json', (json) =>
          (json as { bundles: { items: string[] }[] }).bundles[0]!.items.push('11440300000000000000000000000'),
        ),
      /bundles\.0\.items\.3: .*no item with this implementation code/,
    ],
    ['a stray file', () => [...sampleSource(), { path: 'notes.json', text: '{}' }], /notes\.json \(file\): .*unknown file/],
  ])('catches %s', (_name, files, expected) => {
    const found = problems(files());
    expect(found.join('\n')).toMatch(expected);
  });

  it('finds nothing wrong with the sample', () => {
    expect(assembleCatalog(sampleSource()).problems).toEqual([]);
  });
});

describe('forms', () => {
  const form = catalog.forms.find((f) => f.id === 'person-basic')!;

  it('prefills what the ID card knows and leaves what was typed', () => {
    const values = prefillFromCard(
      form,
      { name: '张三', idNumber: '11010519491231002X', address: '北京市西城区' },
      { phone: '13800138000', address: '自己写的地址' },
    );
    expect(values).toEqual({
      'applicant-name': '张三',
      'applicant-id': '11010519491231002X',
      phone: '13800138000',
      address: '自己写的地址',
    });
  });

  it('says in Chinese what is wrong with each answer', () => {
    const problems = formProblems(
      form,
      { 'applicant-name': '张三', 'applicant-id': '110105194912310021', phone: '12345', region: '999999' },
      catalog,
    );
    expect(problems).toEqual({
      'applicant-id': expect.stringContaining('不是有效的身份证号码'),
      phone: expect.stringContaining('11 位手机号'),
      region: expect.stringContaining('请从列表中选择'),
    });
    expect(
      formProblems(
        form,
        { 'applicant-name': '张三', 'applicant-id': '11010519491231002X', phone: '13800138000', region: '440303' },
        catalog,
      ),
    ).toEqual({});
    const fund = catalog.forms.find((f) => f.id === 'fund-withdraw')!;
    expect(formProblems(fund, { 'bank-card': '1234', reason: '买车提取' }, catalog)).toMatchObject({
      'bank-card': '银行卡号为 16 至 19 位数字',
      reason: expect.stringContaining('选项'),
      'applicant-name': '请填写“职工姓名”',
    });
  });

  it('describes the answers as a JSON Schema for the systems that receive them', () => {
    const schema = formJsonSchema(
      catalog.forms.find((f) => f.id === 'real-estate-transfer')!,
      catalog,
    ) as {
      required: string[];
      properties: Record<string, { pattern?: string; enum?: string[] }>;
    };
    expect(schema.required).toEqual([
      'applicant-name',
      'applicant-id',
      'phone',
      'unit-number',
      'location',
      'price',
      'ownership',
      'signature',
    ]);
    expect(schema.properties['ownership']!.enum).toEqual(['单独所有', '共同共有', '按份共有']);
    expect(new RegExp(schema.properties['price']!.pattern!).test('1500000')).toBe(true);
    expect(new RegExp(schema.properties['applicant-id']!.pattern!).test('11010519491231002X')).toBe(true);
  });
});

describe('办事指南', () => {
  it('lists materials with the situational ones marked, time limits, fees and window, and escapes everything', () => {
    const item = byName('住房公积金提取（租赁住房）');
    const content = guideContent(catalog, { kind: 'item', code: item.implCode });
    expect(content).toMatchObject({ title: item.name, windows: ['住房公积金'], timeLimit: '即来即办', sample: true });
    expect(content.materials.find((m) => m.name === '住房租赁合同')!.conditional).toBe(true);
    expect(content.materials.find((m) => m.name === '职工居民身份证')!.conditional).toBe(false);
    const html = guideHtml({ ...content, notes: ['<script>alert(1)</script>'] }, '示例市政务服务中心');
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('示例事项库，仅供演示');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;');
    const slip = renderTemplate('service-guide', guideSlipData(content, '示例市政务服务中心'));
    expect(JSON.stringify(slip)).toContain('住房租赁合同');
  });

  it('covers a bundle: every department and window, materials merged', () => {
    const content = guideContent(catalog, { kind: 'bundle', id: 'open-business' });
    expect(content.departments).toHaveLength(4);
    expect(content.materials.filter((m) => m.name === '营业执照')).toHaveLength(1);
    expect(() => guideContent(catalog, { kind: 'bundle', id: 'nope' })).toThrow(/no bundle nope/);
  });
});
