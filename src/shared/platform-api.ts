import { z } from 'zod';
import { route } from './http-route.js';

export const PlatformHealthSchema = z.object({
  service: z.literal('onewindow-reference-platform'),
  /** Always true: this server stands in for the city's platform in development, tests and demos. */
  reference: z.literal(true),
});

export const platformApi = {
  health: route({ method: 'GET', path: '/api/v1/health', body: null, response: PlatformHealthSchema }),
};
