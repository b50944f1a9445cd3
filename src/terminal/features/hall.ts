import type { hallMethods } from '../../shared/contract-hall.js';
import { createMandarinSpeech } from '../speech.js';
import type { FeatureContext } from './context.js';
import type { Feature } from './feature.js';

/** The hall as pages follow it: its snapshot, its events passed on in order, and calls spoken for the boards. */
export function hallFeature(ctx: FeatureContext): Feature<keyof typeof hallMethods> {
  const speech = createMandarinSpeech(ctx.options.onSpeechVoice);
  ctx.onHallEvents({
    event: (event, live) => ctx.emit('hall.event', { ...event, live }),
    resync: (seq) => ctx.emit('hall.resync', { seq }),
  });
  return {
    name: 'hall',
    handlers: {
      'hall.snapshot': () => ctx.viaLink('hall', () => ctx.hall.snapshot()),
      'board.speech': async ({ text }) => ({ wav: (await speech.speak(text)).toString('base64') }),
    },
    start() {
      // A counter speaks nothing: its voice is chosen only when a call is asked for.
      if (ctx.config.role !== 'counter') speech.start();
    },
  };
}
