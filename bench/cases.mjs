// Synthetic case files for the benchmark: varied, valid, invented, reproducible (seeded).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: a small seeded PRNG, so every run benchmarks the same cases. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TREATMENTS = [
  { id: 'idds', codes: '["62362", "62350"]', dx: ['M96.1', 'G89.29'], desc: 'Permanent implantation of an intrathecal drug delivery system', proc: 'intrathecal-trial' },
  { id: 'epidural-steroid-injection', codes: '["64483"]', dx: ['M54.17', 'M51.17'], desc: 'Left L5-S1 transforaminal epidural steroid injection under fluoroscopic guidance', proc: 'epidural-steroid-injection' },
  { id: 'scs', codes: '["63685", "63650"]', dx: ['M96.1', 'G89.4'], desc: 'Permanent spinal cord stimulator implantation', proc: 'scs-trial' },
  { id: 'facet-rfa', codes: '["64635"]', dx: ['M47.816'], desc: 'Lumbar radiofrequency ablation of the medial branch nerves', proc: 'medial-branch-block' },
  { id: 'ketamine-infusion', codes: ['"J3490"'], dx: ['G90.521'], desc: 'Outpatient ketamine infusion series', proc: 'ketamine-infusion' },
];
const PLANS = ['erisa', 'aca-individual', 'medicare', 'medicare-advantage', 'medicaid', 'fehb', 'other'];
const REASONS = ['not-medically-necessary', 'step-therapy', 'missing-psych-eval', 'insufficient-documentation', 'trial-required', 'frequency-limit'];
const MEDS = [['Oxycodone ER', 'opioid', '20 mg twice daily'], ['Naproxen', 'nsaid', '500 mg twice daily'], ['Gabapentin', 'anticonvulsant', '300 mg three times daily'], ['Duloxetine', 'antidepressant', '60 mg daily'], ['Cyclobenzaprine', 'muscle-relaxant', '10 mg at night'], ['Lidocaine patch', 'topical', '5% daily']];
const OUTCOMES = ['inadequate-relief', 'side-effects', 'inadequate-relief-and-side-effects', 'partial-relief'];
const THERAPIES = ['physical-therapy', 'occupational-therapy', 'cbt', 'chiropractic', 'acupuncture', 'tens'];
const DOCS = ['psych-eval', 'imaging', 'trial-report', 'physician-letter', 'office-notes', 'medication-list'];
const NAMES = ['Avery', 'Jordan', 'Morgan', 'Riley', 'Casey', 'Quinn', 'Rowan', 'Sage'];
const SURNAMES = ['Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Kowalski', 'Haddad', 'Brennan', 'Oduya'];

const pad = (n) => String(n).padStart(2, '0');
const day = (r, year) => `${year}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;

export function caseText(i, r) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const t = TREATMENTS[i % TREATMENTS.length];
  const reasons = [...new Set([pick(REASONS), pick(REASONS)])];
  const out = [
    'version: 1',
    'author: patient',
    'patient:',
    `  name: ${pick(NAMES)} ${pick(SURNAMES)}`,
    `  date_of_birth: ${day(r, 1940 + Math.floor(r() * 50))}`,
    '  address: |',
    `    ${100 + Math.floor(r() * 9000)} Synthetic Lane`,
    '    Springfield, IL 62701',
    'plan:',
    '  insurer: Example Health Insurance Company',
    `  type: ${pick(PLANS)}`,
    `  member_id: SYN${String(i).padStart(9, '0')}`,
    '  state: IL',
    'provider:',
    '  name: Alex Example, MD',
    '  specialty: Pain Medicine',
    'service:',
    `  treatment: ${t.id}`,
    `  description: ${t.desc}`,
    `  codes: ${Array.isArray(t.codes) ? `[${t.codes.join(', ')}]` : t.codes}`,
    '  date: 2026-11-02',
    'diagnoses:',
    ...t.dx.flatMap((code) => [`  - code: ${code}`, '    description: Chronic pain condition recorded for the benchmark']),
    'denial:',
    '  date: 2026-10-03',
    `  reference: SYN-${i}`,
    '  stage: pre-service',
    '  level: initial',
    `  reasons: [${reasons.join(', ')}]`,
    '  quote: The submitted documentation does not establish medical necessity for the requested service.',
    'history:',
    '  medications:',
  ];
  const meds = 1 + Math.floor(r() * 5);
  for (let m = 0; m < meds; m++) {
    const [name, cls, dose] = pick(MEDS);
    out.push(`    - name: ${name}`, `      class: ${cls}`, `      dose: ${dose}`, `      start: ${day(r, 2023)}`, `      end: ${day(r, 2024)}`, `      outcome: ${pick(OUTCOMES)}`, '      notes: Pain stayed at 7 to 8 out of 10 on this medication; nausea and sedation limited the dose, and the patient stopped it after review with the prescriber');
  }
  out.push('  therapies:');
  const therapies = 1 + Math.floor(r() * 3);
  for (let k = 0; k < therapies; k++) {
    out.push(`    - kind: ${pick(THERAPIES)}`, `      start: ${day(r, 2025)}`, `      end: ${day(r, 2025).replace('2025', '2026')}`, `      sessions: ${6 + Math.floor(r() * 20)}`, `      outcome: ${pick(OUTCOMES)}`);
  }
  out.push('  procedures:');
  const before = 6 + Math.floor(r() * 4);
  out.push(`    - kind: ${t.proc}`, `      date: ${day(r, 2026).replace(/-(1[0-2])-/, '-09-')}`, '      detail: Trial performed under fluoroscopic guidance and documented with pain diaries before and after', `      pain_before: ${before}`, `      pain_after: ${Math.floor(r() * before)}`, '      function: Walked further and slept better');
  out.push('measures:');
  const measures = 1 + Math.floor(r() * 4);
  for (let k = 0; k < measures; k++) out.push(`  - kind: ${pick(['nrs', 'odi', 'peg'])}`, `    value: ${1 + Math.floor(r() * 9)}`, `    date: ${day(r, 2026).replace(/-(1[0-2])-/, '-08-')}`);
  out.push('documents:');
  const docs = 1 + Math.floor(r() * 5);
  for (let k = 0; k < docs; k++) out.push(`  - kind: ${pick(DOCS)}`, `    date: ${day(r, 2026).replace(/-(1[0-2])-/, '-07-')}`, '    author: Example Clinician, MD', '    title: Clinical record supporting the request', '    result: documented and reviewed');
  out.push('requested:', '  outcome: Approve coverage for the requested service as ordered', '  expedited: false', '');
  return out.join('\n');
}

/** Writes `count` cases as DIR/case-00000.yaml ...; returns the mean size in bytes. */
export function writeCases(dir, count, seed = 1) {
  mkdirSync(dir, { recursive: true });
  const r = prng(seed);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const text = caseText(i, r);
    bytes += text.length;
    writeFileSync(join(dir, `case-${String(i).padStart(5, '0')}.yaml`), text);
  }
  return bytes / count;
}
