/** The customer screen's pictures, drawn in the text colour so they follow 长辈模式 and the brand. */

export function CheckIcon({ className }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 48 48" aria-hidden="true">
      <circle cx="24" cy="24" r="22" fill="currentColor" />
      <path d="M13 25l7 7 15-16" fill="none" stroke="var(--color-surface)" strokeWidth="4.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function PauseIcon({ className }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 48 48" aria-hidden="true">
      <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" strokeWidth="3" />
      <rect x="16" y="14" width="5" height="20" rx="1.5" fill="currentColor" />
      <rect x="27" y="14" width="5" height="20" rx="1.5" fill="currentColor" />
    </svg>
  );
}

/** The mouth of each level's face, from a wide smile (1, 非常满意) to a deep frown (5). */
const MOUTHS: Record<number, string> = {
  1: 'M14 28 Q24 40 34 28',
  2: 'M15 29 Q24 36 33 29',
  3: 'M16 31 L32 31',
  4: 'M15 34 Q24 28 33 34',
  5: 'M14 36 Q24 25 34 36',
};

export function FaceIcon({ level }: { level: number }) {
  return (
    <svg className="rating-face" viewBox="0 0 48 48" aria-hidden="true">
      <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" strokeWidth="3" />
      <circle cx="17" cy="19" r="2.6" fill="currentColor" />
      <circle cx="31" cy="19" r="2.6" fill="currentColor" />
      <path d={MOUTHS[level]} fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

/** The three things an applicant does at the window, one picture each. */
export function StepIcon({ step }: { step: 'card' | 'check' | 'rate' }) {
  return (
    <svg className="welcome-step-icon" viewBox="0 0 48 48" aria-hidden="true">
      {step === 'card' && (
        <>
          <rect x="6" y="12" width="36" height="24" rx="3" fill="none" stroke="currentColor" strokeWidth="3" />
          <circle cx="17" cy="23" r="4" fill="currentColor" />
          <path
            d="M11 32c1.5-3.5 10.5-3.5 12 0M27 20h10M27 26h8"
            stroke="currentColor"
            strokeWidth="2.5"
            fill="none"
            strokeLinecap="round"
          />
        </>
      )}
      {step === 'check' && (
        <>
          <rect x="10" y="6" width="28" height="36" rx="3" fill="none" stroke="currentColor" strokeWidth="3" />
          <path
            d="M16 16h16M16 23h16M16 34c3-4 5 2 8-2s4 1 8-1"
            stroke="currentColor"
            strokeWidth="2.5"
            fill="none"
            strokeLinecap="round"
          />
        </>
      )}
      {step === 'rate' && (
        <path
          d="M24 6l5.3 11.4 12.2 1.4-9 8.4 2.4 12.2L24 33.4l-10.9 6 2.4-12.2-9-8.4 12.2-1.4z"
          fill="none"
          stroke="currentColor"
          strokeWidth="3"
          strokeLinejoin="round"
        />
      )}
    </svg>
  );
}
