import { maskIdNumber } from '../../shared/id-number.js';
import { ID_CARD_TYPE_NAMES, type IdCard } from '../../shared/idcard.js';

/** The card as `onewindow-device idcard read` prints it for a person: one field a line, the number masked unless asked. */
export function formatCardForPeople(card: IdCard, unmasked: boolean): string {
  const rows: [string, string][] = [
    ['证件类型', ID_CARD_TYPE_NAMES[card.type]],
    ['姓名', card.name],
  ];
  if (card.type === 'foreigner' || card.type === 'foreigner2023') {
    rows.push(['英文姓名', card.englishName], ['国籍', card.nationality]);
  }
  rows.push(['性别', `${card.sex} (${card.sexCode})`]);
  if (card.type === 'resident') rows.push(['民族', `${card.nation} (${card.nationCode})`]);
  rows.push(['出生', card.birthDate]);
  if (card.address) rows.push(['住址', card.address]);
  if ('additionalAddress' in card && card.additionalAddress) rows.push(['追加住址', card.additionalAddress]);
  rows.push([card.type === 'foreigner' ? '证件号码' : '公民身份号码', unmasked ? card.idNumber : maskIdNumber(card.idNumber)]);
  if (card.type === 'hkmotw') rows.push(['通行证号码', card.passNumber], ['签发次数', card.issueCount]);
  rows.push(['签发机关', card.issuer], ['有效期限', `${card.validFrom} 至 ${card.validTo}`]);
  rows.push(['照片', card.photo.bmp ? '已解码 (BMP)' : '未解码：未配置 WLT 解码库 / not decoded: no WLT decoder configured']);
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width + 2, '　')}${value}`).join('\n');
}
