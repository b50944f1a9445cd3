import type { HallConfig } from '../shared/hall-config.js';

/**
 * The hall's configuration as it stands now: a manager's change on the console replaces it while the hall
 * runs, so the hall's parts read it when they act, never once at their start. What a part computes from it
 * (a map of the windows, say) it asks for through `derived`, computed again only after a change.
 */
export interface LiveConfig {
  current(): HallConfig;
  derived<T>(compute: (config: HallConfig) => T): () => T;
}

export interface ReplaceableConfig extends LiveConfig {
  replace(next: HallConfig): void;
}

export function createLiveConfig(initial: HallConfig): ReplaceableConfig {
  let config = initial;
  return {
    current: () => config,
    derived(compute) {
      let from: HallConfig | null = null;
      let value: ReturnType<typeof compute>;
      return () => {
        if (from !== config) {
          value = compute(config);
          from = config;
        }
        return value;
      };
    },
    replace(next) {
      config = next;
    },
  };
}
