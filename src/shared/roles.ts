/** Who is on the other end of an RPC connection. A terminal's role decides which of these it serves. */
export const RPC_ROLES = ['operator', 'kiosk', 'customer', 'board'] as const;
export type RpcRole = (typeof RPC_ROLES)[number];

/** What a terminal is in the hall; it fixes which pages (and so which RPC roles) the terminal serves. */
export const TERMINAL_ROLES = ['kiosk', 'counter', 'board'] as const;
export type TerminalRole = (typeof TERMINAL_ROLES)[number];

export const PAGES = ['kiosk', 'counter', 'customer', 'board'] as const;
export type Page = (typeof PAGES)[number];

export interface PagePlan {
  page: Page;
  role: RpcRole;
  /** The page for the applicant on a counter's second screen: shown without focus so scanner input stays with the clerk. */
  secondScreen: boolean;
}

const PAGE_PLANS: Record<TerminalRole, readonly PagePlan[]> = {
  kiosk: [{ page: 'kiosk', role: 'kiosk', secondScreen: false }],
  counter: [
    { page: 'counter', role: 'operator', secondScreen: false },
    { page: 'customer', role: 'customer', secondScreen: true },
  ],
  board: [{ page: 'board', role: 'board', secondScreen: false }],
};

export function pagesFor(terminalRole: TerminalRole): readonly PagePlan[] {
  return PAGE_PLANS[terminalRole];
}
