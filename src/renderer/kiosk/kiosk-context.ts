import { createContext, useContext } from 'react';

export type KioskScreen = 'take' | 'checkIn' | 'guide' | 'fill' | 'progress';

/** What every kiosk screen may ask of the kiosk: speak, know the mode, send the citizen on, end the visit. */
export interface KioskVisit {
  elderly: boolean;
  /** Says the text aloud when voice guidance is on (elderly mode); `always` for the ticket number. */
  speak(text: string, always?: boolean): void;
  /** The citizen is done: wipe everything of theirs and go home. */
  finish(): void;
  /** Another screen, for what this one cannot do now (预约签到 offline sends to 取号). */
  open(screen: KioskScreen): void;
}

export const KioskContext = createContext<KioskVisit | null>(null);

export function useKioskVisit(): KioskVisit {
  const visit = useContext(KioskContext);
  if (!visit) throw new Error('useKioskVisit needs a KioskContext provider');
  return visit;
}
