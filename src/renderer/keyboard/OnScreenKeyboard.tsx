import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PinyinDictionary } from './pinyin-ime.js';
import { loadPinyinDictionary } from './pinyin-dictionary.js';
import '../components/kiosk-catalogue.js';
import './keyboard.css';

/** What the field takes: Chinese by pinyin (or letters), capitals and digits for codes, digit pads. */
export type KeyboardLayout = 'pinyin' | 'letters' | 'digits' | 'decimal' | 'idNumber' | 'phone' | 'date';

interface OnScreenKeyboardProps {
  layout: KeyboardLayout;
  value: string;
  onChange(value: string): void;
  onDone?(): void;
  maxLength?: number;
  /** What 完成 says: 确定, 查询, 下一题… (确定 when not given). */
  doneLabel?: string;
  /** The pinyin typed and not yet turned into a word: a search can already use it. */
  onComposing?(pinyin: string): void;
  /** 完成 stays where it is but cannot be pressed yet (the code is not complete). */
  doneDisabled?: boolean;
}

const LETTER_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const PAD: Record<Exclude<KeyboardLayout, 'pinyin' | 'letters'>, string[]> = {
  digits: ['123', '456', '789', '0'],
  decimal: ['123', '456', '789', '.0'],
  phone: ['123', '456', '789', '-0'],
  idNumber: ['123', '456', '789', 'X0'],
  date: ['123', '456', '789', '-0'],
};
const CANDIDATES_PER_PAGE = 8;

/**
 * The kiosk's touch keyboard. Nobody at a kiosk has a keyboard or a mouse, many have never typed
 * pinyin on a phone: keys are large, the layout fits the field, and the pinyin method shows the
 * likeliest words first. The field stays a real input, so a scanner in keyboard mode still works.
 */
export function OnScreenKeyboard({
  layout,
  value,
  onChange,
  onDone,
  maxLength = 100,
  doneLabel,
  onComposing,
  doneDisabled = false,
}: OnScreenKeyboardProps) {
  const { t } = useTranslation('kiosk');
  const [chinese, setChinese] = useState(layout === 'pinyin');
  const [composing, setComposing] = useState('');
  const [page, setPage] = useState(0);
  const { dictionary, failed } = usePinyinDictionary(layout === 'pinyin' && chinese);
  const candidates = useMemo(() => (dictionary && composing ? dictionary.candidates(composing, 40) : []), [dictionary, composing]);

  useEffect(() => {
    setPage(0);
    onComposing?.(composing);
  }, [composing, onComposing]);

  const put = (text: string) => onChange((value + text).slice(0, maxLength));
  const choose = (word: string, consumed: number) => {
    put(word);
    setComposing(composing.slice(consumed));
  };

  function letter(key: string) {
    if (layout === 'pinyin' && chinese) setComposing((current) => (current + key).slice(0, 30));
    else put(layout === 'letters' ? key.toUpperCase() : key);
  }

  function backspace() {
    if (composing) setComposing(composing.slice(0, -1));
    else onChange([...value].slice(0, -1).join(''));
  }

  function done() {
    if (composing) {
      put(composing);
      setComposing('');
    }
    onDone?.();
  }

  const shown = candidates.slice(page * CANDIDATES_PER_PAGE, (page + 1) * CANDIDATES_PER_PAGE);
  const letters = layout === 'pinyin' || layout === 'letters';

  return (
    <div className={`osk osk-${layout}${letters ? '' : ' osk-pad'}`} role="group" aria-label={t('keyboard.label')}>
      {layout === 'pinyin' && chinese && (
        <div className="osk-candidates" aria-live="polite" data-testid="ime-candidates">
          <output className="osk-composing" aria-label={t('keyboard.pinyin')}>
            {composing}
          </output>
          {composing && !dictionary && (
            <span className="osk-hint">{failed ? t('keyboard.dictionaryFailed') : t('keyboard.dictionaryLoading')}</span>
          )}
          {shown.map((candidate) => (
            <button key={candidate.word} type="button" className="osk-candidate" onClick={() => choose(candidate.word, candidate.consumed)}>
              {candidate.word}
            </button>
          ))}
          {candidates.length > CANDIDATES_PER_PAGE && (
            <button
              type="button"
              className="osk-more"
              aria-label={t('keyboard.moreWords')}
              onClick={() => setPage((current) => ((current + 1) * CANDIDATES_PER_PAGE < candidates.length ? current + 1 : 0))}
            >
              ▶
            </button>
          )}
        </div>
      )}
      {letters ? (
        <>
          <div className="osk-row">
            {'1234567890'.split('').map((digit) => (
              <button key={digit} type="button" className="osk-key" onClick={() => put(digit)}>
                {digit}
              </button>
            ))}
          </div>
          {LETTER_ROWS.map((row) => (
            <div className="osk-row" key={row}>
              {row.split('').map((key) => (
                <button key={key} type="button" className="osk-key" onClick={() => letter(key)}>
                  {layout === 'letters' ? key.toUpperCase() : key}
                </button>
              ))}
            </div>
          ))}
        </>
      ) : (
        PAD[layout].map((row) => (
          <div className="osk-row" key={row}>
            {row.split('').map((key) => (
              <button key={key} type="button" className="osk-key osk-key-pad" onClick={() => put(key)}>
                {key}
              </button>
            ))}
          </div>
        ))
      )}
      <div className="osk-row">
        {layout === 'pinyin' && (
          <button
            type="button"
            className="osk-key osk-wide"
            aria-pressed={chinese}
            onClick={() => {
              if (composing) put(composing);
              setComposing('');
              setChinese(!chinese);
            }}
          >
            {chinese ? t('keyboard.toEnglish') : t('keyboard.toChinese')}
          </button>
        )}
        {letters && (
          <button
            type="button"
            className="osk-key osk-space"
            onClick={() => (composing && shown[0] ? choose(shown[0].word, shown[0].consumed) : put(' '))}
          >
            {composing ? t('keyboard.firstWord') : t('keyboard.space')}
          </button>
        )}
        <button type="button" className="osk-key osk-wide" onClick={backspace}>
          <span aria-hidden="true">⌫ </span>
          {t('keyboard.delete')}
        </button>
        <button type="button" className="osk-key osk-wide" onClick={() => (setComposing(''), onChange(''))}>
          {t('keyboard.clear')}
        </button>
        {onDone && (
          <button type="button" className="osk-key osk-wide osk-done primary" disabled={doneDisabled} onClick={done}>
            {doneLabel ?? t('keyboard.ok')}
          </button>
        )}
      </div>
    </div>
  );
}

/** The dictionary, fetched the first time a pinyin keyboard needs it; null until then. */
function usePinyinDictionary(wanted: boolean): { dictionary: PinyinDictionary | null; failed: boolean } {
  const [dictionary, setDictionary] = useState<PinyinDictionary | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!wanted || dictionary) return;
    let live = true;
    loadPinyinDictionary().then(
      (loaded) => live && setDictionary(loaded),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [wanted, dictionary]);
  return { dictionary, failed };
}
