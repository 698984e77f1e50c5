// Reservation ids, drawn in batches or one at a time from a pool, are each 32 lowercase hex characters and never repeat.
import { describe, expect, it } from 'vitest';
import { newReservationId, newReservationIds } from './reservation-ids';

describe('reservation ids', () => {
  it('draws a batch of distinct 32-hex ids, and distinct batches', () => {
    const ids = [...newReservationIds(1000), ...newReservationIds(1000), newReservationId()];
    expect(ids).toHaveLength(2001);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('hands out single ids across refills of its pool, each once', () => {
    const ids = Array.from({ length: 1000 }, () => newReservationId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws nothing for an empty batch', () => {
    expect(newReservationIds(0)).toEqual([]);
  });
});
