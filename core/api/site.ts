/** Answers of the site's own routes (docs/api.md). */
import { z } from 'zod';

/** `GET /healthz`: the database answered. */
export const healthResponse = z.object({ ok: z.literal(true) });
