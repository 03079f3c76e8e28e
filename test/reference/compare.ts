/** Puts the engine's report next to the reference's, field by field, for readable failures. */
import { computeReport, type ReportOutcome } from '../../src/engine/compute-report.js';
import { createVisitFold } from '../../src/engine/visit-fold.js';
import { INDICATOR_IDS } from '../../src/engine/indicators.js';
import type { AreaReport } from '../../src/engine/report.js';
import { makePeriod } from '../../src/engine/period.js';
import { referenceIssues, referenceReport, type ReferenceArea, type ReferenceInput } from './reference-report.js';

/** The engine over the same records, its visits folded one by one in row order. */
export function engineReport(input: ReferenceInput): ReportOutcome {
  const fold = createVisitFold();
  for (const visit of input.visits) fold.add(visit);
  return computeReport({
    census: input.census,
    facilities: input.facilities,
    visits: fold.finish(),
    assessments: input.assessments,
    period: makePeriod(input.period.year, input.period.quarter),
    targets: input.plan.targets,
    by: input.by,
    lang: 'en',
  });
}

/** The engine's issues in the reference's `code value` form. */
function issueKeys(outcome: ReportOutcome): string[] {
  return outcome.issues.map((issue) =>
    issue.code === 'numerator-exceeds-denominator' ? `${issue.code} ${issue.params?.indicator} ${issue.params?.area}` : `${issue.code} ${issue.value}`,
  );
}

/** Each area as `code level` → indicator → the compared fields; the total's name is the engine's word, so left out. */
export function comparable(areas: readonly (AreaReport | ReferenceArea)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const area of areas) {
    const indicators: Record<string, unknown> = {};
    for (const id of INDICATOR_IDS) {
      const { value, numerator, denominator, target, op, status } = area.indicators[id];
      indicators[id] = { value, numerator, denominator, target, op, status };
    }
    out[`${area.code || 'total'} ${area.level}`] = { name: area.level === 'all' ? '' : area.name, ...indicators };
  }
  return out;
}

export function bothReports(input: ReferenceInput) {
  const engine = engineReport(input);
  const reference = referenceReport(input);
  return {
    engine: comparable(engine.areas),
    reference: comparable(reference),
    engineOrder: engine.areas.map((a) => a.code),
    referenceOrder: reference.map((a) => a.code),
    engineIssues: issueKeys(engine).sort(),
    referenceIssues: referenceIssues(input, reference).sort(),
  };
}
