/**
 * For each treatment's complete case, every required requirement: a mutation that removes
 * exactly that item's evidence makes exactly that requirement missing, and no other required
 * finding changes status. By default the mutation deletes the case entries the finding
 * matched; where a requirement has no entries to delete (caps, counts) or its entries also
 * carry another requirement, the table gives the mutation by hand.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCase } from '../src/case/load.js';
import { CaseSchema, type Case } from '../src/case/schema.js';
import { checkCase } from '../src/rules/engine.js';
import { loadRules } from '../src/rules/load.js';
import { versionInForce } from '../src/rules/select.js';

const library = loadRules();
const load = (file: string): Case => parseCase(readFileSync(file, 'utf8'), file).case;

/** Deletes entries by their finding paths (`documents[3]`, `history.medications[0]`, `service.visits_used`). */
function removePaths(c: Case, paths: string[]): Case {
  const copy = structuredClone(c) as Record<string, any>;
  const byArray = new Map<string, number[]>();
  for (const path of paths) {
    const m = /^(.*)\[(\d+)\]$/.exec(path);
    if (m) byArray.set(m[1]!, [...(byArray.get(m[1]!) ?? []), Number(m[2])]);
    else {
      const parts = path.split('.');
      const parent = parts.slice(0, -1).reduce((node, k) => node[k], copy);
      delete parent[parts.at(-1)!];
    }
  }
  for (const [arrayPath, indexes] of byArray) {
    const arr = arrayPath.split('.').reduce((node, k) => node[k], copy) as unknown[];
    for (const i of [...new Set(indexes)].sort((a, b) => b - a)) arr.splice(i, 1);
  }
  return CaseSchema.parse(copy);
}

type Mutation = (c: Case) => Case;
/** A mutation, and the requirements it is expected to make missing when that is not just the one. */
interface Override {
  mutate: Mutation;
  missing?: string[];
}
const edit = (f: (c: Case) => void): Mutation => (c) => {
  const copy = structuredClone(c);
  f(copy);
  return CaseSchema.parse(copy);
};

/** Cases and the hand-written mutations for requirements the default cannot isolate. */
const CASES: { file: string; overrides?: Record<string, Mutation | Override> }[] = [
  {
    file: 'examples/scs-complete.yaml',
  },
  {
    file: 'examples/ketamine-complete.yaml',
  },
  {
    file: 'examples/facet-rfa-complete.yaml',
    overrides: {
      'facet-rfa.rfa-frequency': edit((c) => {
        c.history!.procedures!.push(
          { kind: 'radiofrequency-ablation', date: '2025-12-02', relief_percent: 70, duration_days: 200, region: 'lumbar' },
          { kind: 'radiofrequency-ablation', date: '2026-06-22', relief_percent: 60, duration_days: 190, region: 'lumbar' },
        );
      }),
      // Applies only once an earlier ablation is on record: add one that helped too little.
      'facet-rfa.repeat-rfa-relief': edit((c) => {
        c.history!.procedures!.push({ kind: 'radiofrequency-ablation', date: '2025-08-01', pain_before: 8, pain_after: 6, duration_days: 60 });
      }),
    },
  },
  {
    file: 'test/fixtures/cases/realistic/facet-mbb-first-block.yaml',
    overrides: {
      'facet-rfa.block-frequency': edit((c) => {
        for (const date of ['2026-01-12', '2026-03-09', '2026-05-04', '2026-07-13'])
          c.history!.procedures!.push({ kind: 'medial-branch-block', date, relief_percent: 40 });
      }),
    },
  },
  {
    file: 'examples/opioid-therapy-complete.yaml',
  },
  {
    file: 'examples/physical-therapy-complete.yaml',
  },
  { file: 'examples/esi-complete.yaml', overrides: {
      // Applies only once an earlier injection is on record: add one that helped too little.
      'esi.repeat-relief': edit((c) => {
        c.history = { ...c.history, procedures: [{ kind: 'epidural-steroid-injection', date: '2026-04-06', pain_before: 7, pain_after: 5, duration_days: 20 }] };
      }),
      'esi.frequency-cap': edit((c) => {
        c.history = { ...c.history, procedures: [...(c.history?.procedures ?? []),
          ...['2026-01-05', '2026-03-02', '2026-05-04', '2026-07-06'].map((date) => ({ kind: 'epidural-steroid-injection' as const, date, relief_percent: 60, duration_days: 100 }))] };
      }),
      // Four weeks of failed conservative care is itself four weeks of pain, so the pain
      // duration cannot go missing alone: shortening the courses to 3 weeks and dropping the
      // note's "4 months" takes both.
      'esi.pain-duration': {
        mutate: edit((c) => {
          for (const t of c.history!.therapies!) t.end = '2026-07-27';
          for (const m of c.history!.medications!) m.end = m.start === '2026-06-15' ? '2026-07-06' : '2026-07-22';
          c.documents![1]!.result = 'Left L5 radicular pain; positive straight-leg raise; cannot stand more than 10 minutes';
        }),
        missing: ['esi.pain-duration', 'esi.failed-conservative-care'],
      },
    } },
  {
    file: 'examples/idds-complete.yaml',
    overrides: {
      // The letter that names the drug also states the life expectancy: remove only the drug.
      'idds.drug-plan': edit((c) => {
        for (const d of c.documents ?? []) if (d.result) d.result = d.result.replace(/preservative-free morphine|morphine/gi, 'an intrathecal opioid');
      }),
    },
  },
];

const required = (r: ReturnType<typeof checkCase>) => r.findings.filter((f) => f.severity === 'required');

describe.each(CASES)('$file', ({ file, overrides = {} }) => {
  const base = load(file);
  const before = checkCase(base, library);
  const rows = required(before)
    .filter((f) => f.status === 'satisfied' || overrides[f.id])
    .map((f) => ({ id: f.id, finding: f }));

  it('is ready as written', () => {
    expect(required(before).filter((f) => f.status === 'missing').map((f) => f.id)).toEqual([]);
  });

  // Another required finding may only go from not applicable to satisfied (adding an earlier
  // procedure to pass a cap makes the repeat rules apply); it must never be lost.
  it.each(rows)('removing the evidence of $id makes exactly it missing', ({ id, finding }) => {
    const given = overrides[id];
    const override: Override | undefined = typeof given === 'function' ? { mutate: given } : given;
    const mutate = override?.mutate ?? ((c: Case) => removePaths(c, finding.evidence.map((e) => e.path)));
    if (!override) expect(finding.evidence.length, `${id} has no evidence to remove; give an override`).toBeGreaterThan(0);
    const after = checkCase(mutate(base), library);
    const nowMissing = required(after).filter((f) => f.status === 'missing').map((f) => f.id);
    expect(nowMissing.sort()).toEqual((override?.missing ?? [id]).slice().sort());
    const status = new Map(required(after).map((f) => [f.id, f.status]));
    for (const f of required(before)) {
      if (f.status === 'satisfied' && !nowMissing.includes(f.id)) expect([f.id, status.get(f.id)]).toEqual([f.id, 'satisfied']);
    }
  });
});

describe('every required requirement of every treatment rule set is exercised', () => {
  it('the cases above cover each one', () => {
    const covered = new Set<string>();
    for (const { file, overrides = {} } of CASES) {
      const r = checkCase(load(file), library);
      for (const f of required(r)) if (f.status === 'satisfied' || overrides[f.id]) covered.add(f.id);
    }
    const ids = [...new Set(library.ruleSets.map((s) => s.id))]
      .map((id) => versionInForce(library.ruleSets, id, '2026-11-01')!)
      .filter((s) => (s.applies.treatments ?? []).length > 0)
      .flatMap((s) => s.requirements.filter((r) => r.severity === 'required').map((r) => r.id));
    expect(ids.filter((id) => !covered.has(id))).toEqual([]);
  });
});
