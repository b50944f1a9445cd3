import { useCallback } from 'react';
import { useSend } from '../rpc/hooks.js';

/**
 * Says a call or a prompt aloud: with the Web Speech API where a Chinese voice exists, otherwise with audio the
 * terminal host makes with espeak-ng. The text is the hall's announcement or a kiosk prompt, never a name.
 * Silence is all a failure gives: no one is to be shown that a prompt could not be said.
 */
export function useAnnounce(): (text: string) => void {
  const send = useSend();
  return useCallback(
    (text: string) => {
      const synth = window.speechSynthesis as SpeechSynthesis | undefined;
      const voice = synth?.getVoices().find((candidate) => candidate.lang.toLowerCase().startsWith('zh'));
      if (synth && voice) {
        const utterance = new SpeechSynthesisUtterance(text);
        utterance.voice = voice;
        utterance.lang = voice.lang;
        utterance.rate = 0.9;
        synth.speak(utterance);
        return;
      }
      void send('board.speech', { text }).then(
        (speech) => speech && new Audio(`data:audio/wav;base64,${speech.wav}`).play().catch(() => undefined),
      );
    },
    [send],
  );
}
