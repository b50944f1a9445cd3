/**
 * Says a call aloud with the Web Speech API where a Chinese voice exists. The text is the hall's
 * announcement template, which never holds a name.
 */
export function announce(text: string): boolean {
  const synth = window.speechSynthesis as SpeechSynthesis | undefined;
  if (!synth) return false;
  const voice = synth.getVoices().find((candidate) => candidate.lang.toLowerCase().startsWith('zh'));
  if (!voice) return false;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = voice;
  utterance.lang = voice.lang;
  utterance.rate = 0.9;
  synth.speak(utterance);
  return true;
}
