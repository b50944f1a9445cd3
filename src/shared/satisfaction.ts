/**
 * 好差评 at the window (一次一评): five levels with the GB/T 39046 满意度 codes, 1 非常满意 … 5 非常不满意.
 * Some provincial interfaces number the other way round; map them at that interface, not here.
 */
export const SATISFACTION_LEVELS = [
  { code: 1, name: '非常满意', en: 'Very satisfied' },
  { code: 2, name: '满意', en: 'Satisfied' },
  { code: 3, name: '基本满意', en: 'Fairly satisfied' },
  { code: 4, name: '不满意', en: 'Dissatisfied' },
  { code: 5, name: '非常不满意', en: 'Very dissatisfied' },
] as const;

/** What a 差评 may say was wrong, to pick (never required) so it can be followed up. */
export const BAD_REVIEW_REASONS = ['等候时间长', '办事流程繁琐', '材料要求不清楚', '工作人员态度不好', '一次没办成', '其他'] as const;

/** The last two are 差评: each must be verified, rectified and answered. */
export const isBadReview = (level: number) => level >= 4;
/** The first three are 好评 (非常满意, 满意, 基本满意): 好评率 is their share of all ratings. */
export const isGoodReview = (level: number) => !isBadReview(level);
