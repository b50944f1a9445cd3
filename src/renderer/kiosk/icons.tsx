import type { ReactNode } from 'react';

/** Drawn here, in the page's colours, so the kiosk downloads no image and a hall's brand colour recolours them. */
function Icon({ children, className = 'kiosk-icon' }: { children: ReactNode; className?: string }) {
  return (
    <svg className={className} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <circle cx="32" cy="32" r="30" className="icon-halo" />
      <g className="icon-line">{children}</g>
    </svg>
  );
}

export type ScreenIconName = 'take' | 'checkIn' | 'guide' | 'fill' | 'progress';

const SCREEN_ICONS: Record<ScreenIconName, ReactNode> = {
  take: (
    <>
      <path d="M12 22h40v6a4 4 0 0 0 0 8v6H12v-6a4 4 0 0 0 0-8z" />
      <path d="M26 22v20" strokeDasharray="3 3" />
      <path d="M32 29h13M32 35h9" />
    </>
  ),
  checkIn: (
    <>
      <rect x="13" y="15" width="38" height="35" rx="4" />
      <path d="M13 25h38M23 10v9M41 10v9" />
      <path d="M23 38l6 6 12-12" className="icon-accent" />
    </>
  ),
  guide: (
    <>
      <path d="M32 19c-6-4-14-5-21-3v32c7-2 15-1 21 3 6-4 14-5 21-3V16c-7-2-15-1-21 3z" />
      <path d="M32 19v32" />
      <path d="M17 25h9M17 31h9M38 25h9M38 31h9" />
    </>
  ),
  fill: (
    <>
      <rect x="15" y="12" width="28" height="40" rx="3" />
      <path d="M21 22h16M21 29h16M21 36h9" />
      <path d="M51 24L36 45l-5 2 1-5 15-21z" className="icon-accent" />
    </>
  ),
  progress: (
    <>
      <circle cx="28" cy="28" r="12" />
      <path d="M37 37l12 12" />
      <path d="M22 28l4 4 8-8" className="icon-accent" />
    </>
  ),
};

export function ScreenIcon({ screen }: { screen: ScreenIconName }) {
  return <Icon>{SCREEN_ICONS[screen]}</Icon>;
}

export function HelpIcon() {
  return (
    <Icon className="kiosk-icon kiosk-icon-small">
      <path d="M24 25a8 8 0 1 1 11 7.4c-2 .9-3 2.4-3 4.6v2" />
      <circle cx="32" cy="46" r="1.5" />
    </Icon>
  );
}

export function HomeIcon() {
  return (
    <Icon className="kiosk-icon kiosk-icon-small">
      <path d="M14 31l18-15 18 15M20 27v21h24V27" />
      <path d="M28 48V37h8v11" />
    </Icon>
  );
}

/**
 * Where the card goes: the screen's lower edge, the reader under it, and a card that moves down onto the
 * reader again and again (still where the citizen asked for less motion).
 */
export function CardOnReader({ title }: { title: string }) {
  return (
    <svg className="card-picture" viewBox="0 0 240 160" role="img" aria-label={title} focusable="false">
      <rect x="20" y="4" width="200" height="26" rx="6" className="card-picture-screen" />
      <rect x="48" y="112" width="144" height="40" rx="10" className="card-picture-reader" />
      <path d="M104 132a14 14 0 0 1 32 0M110 132a8 8 0 0 1 20 0" className="card-picture-waves" />
      <g className="card-picture-card">
        <rect x="76" y="40" width="88" height="56" rx="7" />
        <rect x="86" y="50" width="24" height="30" rx="3" className="card-picture-photo" />
        <path d="M118 56h36M118 66h36M118 76h24" />
      </g>
      <path d="M208 46v54m-8-8l8 10 8-10" className="card-picture-arrow" />
    </svg>
  );
}
