/**
 * The denial-reason catalogue (rules/reasons.yaml): each reason's plain meaning and the
 * CARC/RARC codes that signal it, so reasons can be inferred from an EOB's codes.
 */
import { z } from 'zod';
import { DENIAL_REASONS, TREATMENTS, type DenialReason } from '../case/schema.js';
import { Source } from './schema.js';

export const ReasonCatalogueSchema = z.strictObject({
  sources: z.array(Source),
  reasons: z.array(
    z.strictObject({
      id: z.enum(DENIAL_REASONS),
      title: z.string().min(1),
      meaning: z.string().min(1),
      carc: z.array(z.string()).optional(),
      rarc: z.array(z.string()).optional(),
      source: z.union([z.string(), z.array(z.string())]).optional(),
      note: z.string().optional(),
      /** Treatments for which this denial cannot occur (e.g. off-label for physical therapy): data, so the coverage test reads it. */
      not_for: z.array(z.enum(TREATMENTS)).optional(),
    }),
  ),
});

export type ReasonCatalogue = z.infer<typeof ReasonCatalogueSchema>;
export type ReasonEntry = ReasonCatalogue['reasons'][number];

/**
 * Normalizes a code as written on an EOB: group prefixes (CO-50, PR 96) are dropped,
 * letters upper-cased. Returns undefined for text that is not a code.
 */
export function normalizeCode(code: string): string | undefined {
  const m = /^\s*(?:(?:CO|PR|OA|PI|CR)[\s-]*)?([A-Z]{0,2}\d{1,4})\s*$/i.exec(code);
  return m ? m[1]!.toUpperCase() : undefined;
}

export interface InferredReason {
  reason: DenialReason;
  /** The codes that point to it, as the user wrote them. */
  codes: string[];
}

/** The reasons the given CARC/RARC codes point to, in catalogue order. */
export function inferReasons(codes: readonly string[], catalogue: ReasonCatalogue): InferredReason[] {
  const out: InferredReason[] = [];
  for (const entry of catalogue.reasons) {
    const known = new Set([...(entry.carc ?? []), ...(entry.rarc ?? [])].map((c) => c.toUpperCase()));
    const hits = codes.filter((c) => {
      const n = normalizeCode(c);
      return n !== undefined && known.has(n);
    });
    if (hits.length > 0) out.push({ reason: entry.id, codes: hits });
  }
  return out;
}
