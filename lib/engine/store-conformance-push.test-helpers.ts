// Conformance suite, push queues (§4.8): the six delivery methods the pusher drives, whose lease
// semantics every server instance sharing a store must agree on. Each test opens an empty data
// set, because claims and due instants span all projects, and runs with jitter 0 unless it says
// otherwise, so retries fall exactly retries_delay apart.
import { describe } from 'vitest';
import { describePushAckConformance } from './store-conformance-push-acks.test-helpers';
import { describePushClaimConformance } from './store-conformance-push-claims.test-helpers';
import { describePushEdgeConformance } from './store-conformance-push-edges.test-helpers';
import { describePushLifecycleConformance } from './store-conformance-push-lifecycle.test-helpers';
import { describePushOutcomeConformance } from './store-conformance-push-outcomes.test-helpers';
import type { ConformanceContext } from './store-conformance.test-helpers';

export function describePushConformance(ctx: ConformanceContext): void {
  describe('push deliveries', () => {
    describePushClaimConformance(ctx);
    describePushOutcomeConformance(ctx);
    describePushAckConformance(ctx);
    describePushLifecycleConformance(ctx);
    describePushEdgeConformance(ctx);
  });
}
