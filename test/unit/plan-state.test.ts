// The state of a municipality's plans: missing, overdue or current, each date worked out by hand.
import { describe, expect, it } from 'vitest';
import { addMonths, councilTermStart, planState, planStates, plansNeedingAttention, type PlanDates } from '../../src/db/plan-state.ts';

const today = '2026-12-04';

describe('the council term', () => {
  it('begins on 1 June every four years from 2025, and on the terms’ own dates before', () => {
    expect(councilTermStart('2026-12-04')).toBe('2025-06-01');
    expect(councilTermStart('2025-06-01')).toBe('2025-06-01');
    expect(councilTermStart('2025-05-31')).toBe('2021-08-01');
    expect(councilTermStart('2029-05-31')).toBe('2025-06-01');
    expect(councilTermStart('2029-06-01')).toBe('2029-06-01');
    expect(councilTermStart('2034-01-15')).toBe('2033-06-01');
    expect(councilTermStart('2021-07-31')).toBe('2017-06-01');
  });
});

describe('adding months', () => {
  it('keeps the day, or the month’s last day past its end', () => {
    expect(addMonths('2025-09-03', 15)).toBe('2026-12-03');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2025-06-01', 12)).toBe('2026-06-01');
  });
});

describe('a kind’s state', () => {
  it('is missing with no plan of the kind; the welfare plan and yearly report need attention, the others do not', () => {
    const plans: PlanDates[] = [{ kind: 'safety', adoptedOn: '2026-01-10' }];
    expect(planState(plans, 'welfare_plan', today)).toMatchObject({ state: 'missing', expected: true, needsAttention: true });
    expect(planState(plans, 'welfare_report_yearly', today)).toMatchObject({ state: 'missing', expected: true, needsAttention: true });
    expect(planState(plans, 'substance_policy', today)).toMatchObject({ state: 'missing', expected: false, needsAttention: false });
    expect(planState(plans, 'safety', today)).toMatchObject({ state: 'current', needsAttention: false, reasons: [] });
  });

  it('is overdue when its next revision or its validity is before today, not on today', () => {
    expect(planState([{ kind: 'safety', nextRevisionDue: '2026-12-03' }], 'safety', today)).toMatchObject({ state: 'overdue', reasons: ['revision'], needsAttention: true });
    expect(planState([{ kind: 'safety', nextRevisionDue: '2026-12-04' }], 'safety', today)).toMatchObject({ state: 'current' });
    expect(planState([{ kind: 'violence_prevention', validTo: '2026-11-30' }], 'violence_prevention', today)).toMatchObject({ state: 'overdue', reasons: ['validity'] });
    expect(planState([{ kind: 'violence_prevention', validTo: '2026-12-31' }], 'violence_prevention', today)).toMatchObject({ state: 'current' });
  });

  it('judges the latest plan of the kind: adopted last, an undated one older than any dated one', () => {
    const plans: PlanDates[] = [
      { kind: 'substance_policy', adoptedOn: '2020-03-01', validTo: '2024-12-31' },
      { kind: 'substance_policy', adoptedOn: '2025-02-01', validTo: '2028-12-31' },
      { kind: 'substance_policy', validTo: '2022-12-31' },
    ];
    const state = planState(plans, 'substance_policy', today);
    expect(state.state).toBe('current');
    expect(state.latest?.adoptedOn).toBe('2025-02-01');
  });

  it('has the welfare report and plan of the term adopted within the term’s first year', () => {
    // The term began 1.6.2025; its first year passed 1.6.2026, before today.
    expect(planState([{ kind: 'welfare_plan', adoptedOn: '2021-11-15' }], 'welfare_plan', today)).toMatchObject({ state: 'overdue', reasons: ['term'] });
    expect(planState([{ kind: 'welfare_plan', adoptedOn: '2025-06-01' }], 'welfare_plan', today)).toMatchObject({ state: 'current' });
    // On 31.5.2026 the term's first year has not passed: the previous term's plan still does.
    expect(planState([{ kind: 'welfare_plan', adoptedOn: '2021-11-15' }], 'welfare_plan', '2026-05-31')).toMatchObject({ state: 'current' });
    expect(planState([{ kind: 'welfare_plan', adoptedOn: '2021-11-15' }], 'welfare_plan', '2026-06-01')).toMatchObject({ state: 'overdue', reasons: ['term'] });
    // Without an adoption date only its own dates count.
    expect(planState([{ kind: 'welfare_plan', nextRevisionDue: '2029-05-31' }], 'welfare_plan', today)).toMatchObject({ state: 'current' });
  });

  it('has the yearly welfare report overdue more than 15 months after its adoption', () => {
    // 3.9.2025 + 15 months = 3.12.2026, the day before today.
    expect(planState([{ kind: 'welfare_report_yearly', adoptedOn: '2025-09-03' }], 'welfare_report_yearly', today)).toMatchObject({ state: 'overdue', reasons: ['yearly'] });
    // 4.9.2025 + 15 months = 4.12.2026, today: not yet.
    expect(planState([{ kind: 'welfare_report_yearly', adoptedOn: '2025-09-04' }], 'welfare_report_yearly', today)).toMatchObject({ state: 'current' });
  });

  it('gives every reason that applies', () => {
    const state = planState([{ kind: 'welfare_plan', adoptedOn: '2021-11-15', validTo: '2025-05-31', nextRevisionDue: '2025-05-31' }], 'welfare_plan', today);
    expect(state.reasons).toEqual(['revision', 'validity', 'term']);
    // The earliest reason's date: the revision and validity both ended 31.5.2025, before the term's 31.5.2026.
    expect(state.dueOn).toBe('2025-05-31');
  });

  it('says the last day each overdue plan was on time, and none for a current or missing one', () => {
    expect(planState([{ kind: 'safety', nextRevisionDue: '2026-12-03' }], 'safety', today).dueOn).toBe('2026-12-03');
    expect(planState([{ kind: 'violence_prevention', validTo: '2026-11-30' }], 'violence_prevention', today).dueOn).toBe('2026-11-30');
    // The term began 1.6.2025; its first year passed on 1.6.2026, so 31.5.2026 was the last day on time.
    expect(planState([{ kind: 'welfare_plan', adoptedOn: '2021-11-15' }], 'welfare_plan', today).dueOn).toBe('2026-05-31');
    // 3.9.2025 + 15 months = 3.12.2026.
    expect(planState([{ kind: 'welfare_report_yearly', adoptedOn: '2025-09-03' }], 'welfare_report_yearly', today).dueOn).toBe('2026-12-03');
    // Validity ended 1.3.2026, before the term's last day on time.
    expect(planState([{ kind: 'welfare_plan', adoptedOn: '2021-11-15', validTo: '2026-03-01' }], 'welfare_plan', today).dueOn).toBe('2026-03-01');
    expect(planState([{ kind: 'safety', nextRevisionDue: '2026-12-04' }], 'safety', today).dueOn).toBeNull();
    expect(planState([], 'welfare_plan', today).dueOn).toBeNull();
  });
});

describe('a municipality’s plans', () => {
  it('lists every kind in order and counts the missing expected ones and the overdue ones', () => {
    const plans: PlanDates[] = [
      { kind: 'welfare_plan', adoptedOn: '2025-10-20' }, // current
      { kind: 'safety', adoptedOn: '2020-01-01', validTo: '2024-12-31' }, // overdue
    ];
    // The yearly report missing (expected) and the safety plan overdue; substance and violence plans not recorded.
    expect(planStates(plans, today).map((s) => `${s.kind}:${s.state}`)).toEqual([
      'welfare_plan:current',
      'welfare_report_yearly:missing',
      'substance_policy:missing',
      'violence_prevention:missing',
      'safety:overdue',
    ]);
    expect(plansNeedingAttention(plans, today)).toBe(2);
    expect(plansNeedingAttention([], today)).toBe(2);
  });
});
