import { parseDictionary, type PinyinDictionary } from './pinyin-ime.js';

let loading: Promise<PinyinDictionary> | null = null;

/**
 * The pinyin dictionary (resources/ime/pinyin-words.txt, about 0.7 MB compressed) is its own chunk,
 * fetched once, the first time someone types Chinese: a kiosk that only issues numbers never loads it.
 */
export function loadPinyinDictionary(): Promise<PinyinDictionary> {
  loading ??= import('../../../resources/ime/pinyin-words.txt?raw').then(
    (module) => parseDictionary(module.default),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
