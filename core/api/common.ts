/**
 * Answers shared by every area of the API (see docs/api.md): the error envelope and the bare
 * acknowledgement. The gateway's error handler and the OpenAPI document both follow them.
 */
import { z } from 'zod';
import { errorCodes } from '../errors.ts';

/** `{ error: { code, message, fields? } }`: what every 4xx and 5xx answer of the API carries. */
export const errorResponse = z
  .object({
    error: z.object({
      code: z.enum(errorCodes).describe('a stable code; pages map it to a sentence in the reader’s language'),
      message: z.string().describe('a sentence for developers, saying what to do'),
      fields: z.record(z.string(), z.string()).optional().describe('for invalid input: one message per field, keyed by its path (`emailPrefs.digest`)'),
    }),
  })
  .meta({ id: 'Error', description: 'The body of every error answer.' });

/** 202 for requests whose effect happens by email: the same answer whatever the outcome. */
export const acceptedResponse = z.object({ ok: z.literal(true) }).meta({ id: 'Accepted', description: 'Accepted; the rest happens by email.' });

/** A moment as an ISO 8601 string in UTC, e.g. 2026-11-26T08:00:00.000Z. */
export const isoDateTime = () => z.iso.datetime().describe('ISO 8601, UTC');
