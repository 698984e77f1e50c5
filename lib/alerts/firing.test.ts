// The firing rule of §4.9 as a pure function, and the alert message body.
import { describe, expect, it } from 'vitest';
import type { Alert } from '../engine/types';
import { alertMessageBody, isAlertCrossed, rfc3339Seconds } from './firing';

const rule = (type: Alert['type'], direction: Alert['direction'], trigger = 10) => ({ type, direction, trigger });

/** The sizes along a path at which the alert fires, judging each step as one change. */
function firingsAlong(alert: ReturnType<typeof rule>, sizes: number[]): number[] {
  return sizes.slice(1).filter((after, i) => isAlertCrossed(alert, sizes[i], after));
}

const range = (from: number, to: number) => {
  const step = from <= to ? 1 : -1;
  return Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => from + i * step);
};

describe('isAlertCrossed', () => {
  it('fixed asc fires when before < trigger <= after, and only then', () => {
    const asc = rule('fixed', 'asc');
    expect(isAlertCrossed(asc, 9, 13)).toBe(true);
    expect(isAlertCrossed(asc, 9, 10)).toBe(true);
    expect(isAlertCrossed(asc, 0, 100)).toBe(true);
    for (const [before, after] of [[10, 11], [13, 23], [11, 9], [10, 7], [8, 9], [9, 9]]) {
      expect(isAlertCrossed(asc, before, after), `${before}→${after}`).toBe(false);
    }
  });

  it('fixed desc fires when before > trigger >= after, and only then', () => {
    const desc = rule('fixed', 'desc');
    expect(isAlertCrossed(desc, 11, 10)).toBe(true);
    expect(isAlertCrossed(desc, 22, 0)).toBe(true);
    for (const [before, after] of [[0, 15], [15, 11], [10, 2], [10, 10], [9, 11]]) {
      expect(isAlertCrossed(desc, before, after), `${before}→${after}`).toBe(false);
    }
  });

  it('progressive asc fires at every multiple, once per change however many it crosses', () => {
    expect(firingsAlong(rule('progressive', 'asc'), range(0, 35))).toEqual([10, 20, 30]);
    expect(isAlertCrossed(rule('progressive', 'asc'), 9, 35)).toBe(true);
    expect(isAlertCrossed(rule('progressive', 'asc'), 10, 19)).toBe(false);
    expect(isAlertCrossed(rule('progressive', 'asc', 1), 0, 1)).toBe(true);
  });

  it('progressive desc fires at every multiple above 0, never at 0', () => {
    expect(firingsAlong(rule('progressive', 'desc'), range(25, 0))).toEqual([20, 10]);
    expect(isAlertCrossed(rule('progressive', 'desc'), 10, 0)).toBe(false);
    expect(isAlertCrossed(rule('progressive', 'desc'), 11, 0)).toBe(true);
    expect(isAlertCrossed(rule('progressive', 'desc'), 19, 11)).toBe(false);
  });

  it('the §4.9 calibration paths, judged one message at a time', () => {
    const up = (from: number, to: number) => range(from, to);
    // asc fixed: 9→13 fires once, up to 23 no more, down to 7 none, 9→10 again.
    const ascPath = [...up(0, 13), ...up(14, 23), ...range(22, 7), ...up(8, 10)];
    expect(firingsAlong(rule('fixed', 'asc'), ascPath)).toEqual([10, 10]);
    // desc fixed: up to 15 none; 11→10 fires; up to 22 and down again fires at 10 again; 10→2 none.
    const descPath = [...up(0, 15), ...range(14, 10), ...up(11, 22), ...range(21, 10), ...range(9, 2)];
    expect(firingsAlong(rule('fixed', 'desc'), descPath)).toEqual([10, 10]);
  });
});

describe('alertMessageBody', () => {
  it('is the §4.9 JSON with the size after the change and created_at in whole seconds', () => {
    const alert: Alert = { id: '530392f41185ab1f2a0005f7', type: 'progressive', trigger: 5, direction: 'asc', queue: 't', snoozeMs: 0 };
    const body = alertMessageBody('test_queue', 12, alert, Date.UTC(2014, 1, 18, 17, 10, 43, 999));
    expect(body).toBe(
      '{"source_queue":"test_queue","queue_size":12,"alert_id":"530392f41185ab1f2a0005f7","alert_type":"progressive",' +
        '"alert_direction":"asc","alert_trigger":5,"created_at":"2014-02-18T17:10:43Z"}',
    );
    expect(rfc3339Seconds(Date.UTC(2026, 0, 1))).toBe('2026-01-01T00:00:00Z');
  });
});
