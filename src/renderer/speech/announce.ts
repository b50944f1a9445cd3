import type { RendererRpc } from '../rpc/connection.js';

/**
 * Says a call or a prompt aloud: with the Web Speech API where a Chinese voice exists, otherwise with audio the
 * terminal host makes with espeak-ng. The text is the hall's announcement or a kiosk prompt, never a name.
 */
export async function announce(rpc: RendererRpc, text: string): Promise<void> {
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
  const { wav } = await rpc.invoke('board.speech', { text });
  await new Audio(`data:audio/wav;base64,${wav}`).play().catch(() => undefined);
}
