import type { PayoutRequestedV1 } from '@sluice/contracts';
import {
  checkUpstreamRequest,
  rejectUpstream,
  requestIdReused,
  type UpstreamOutcome,
} from './accept-upstream-request.ts';
import { assertNever } from './create-payout.ts';
import type { AdmissionChunkTx, AdmissionInput, Clock, IntakeSettings, IntakeTx } from './ports.ts';
import { admissionOf, answerFromStored, judgeLookup, notPayableMeanwhile, type SubmitInput } from './submit-payout.ts';

type Planned = { readonly event: PayoutRequestedV1; readonly input: SubmitInput; readonly admission: AdmissionInput };

/**
 * A chunk of `payouts.requested.v1` in the consumer's transaction, with the outcome `acceptUpstreamRequest` would give
 * each, in five statements however many requests: which platforms exist, every key and destination, which
 * pre-allocated payout ids are taken, the admission statement, and the winners of keys taken meanwhile. One request
 * at a time cost four to six round trips each, and the topic's consumer fell behind at ≈ 90 requests/s.
 *
 * A request whose (platform, request_id) or pre-allocated payout id already came earlier in the chunk is left out (no
 * outcome): the handler takes it alone after the chunk, where it meets the first one's key or id as it would one
 * request at a time.
 */
export async function acceptUpstreamChunk(
  tx: Pick<IntakeTx, 'publish'>,
  chunk: AdmissionChunkTx,
  deps: { settings: IntakeSettings; clock: Clock },
  events: readonly PayoutRequestedV1[],
): Promise<Map<string, UpstreamOutcome>> {
  const seen = new Set<string>();
  const firsts = events.filter((event) => {
    const claims = [JSON.stringify([event.platform_id, event.request_id]), event.payout_id ?? ''];
    if (claims.some((claim) => seen.has(claim))) return false;
    for (const claim of claims) if (claim !== '') seen.add(claim);
    return true;
  });
  const known = await chunk.knownPlatforms([...new Set(firsts.map((event) => event.platform_id))]);
  const outcomes = new Map<string, UpstreamOutcome>();
  const valid: { event: PayoutRequestedV1; input: SubmitInput }[] = [];
  for (const event of firsts) {
    const checked = checkUpstreamRequest(event, known.has(event.platform_id));
    if (checked.kind === 'invalid') {
      outcomes.set(event.event_id, await rejectUpstream(tx, event, checked.hash, null, checked.reasons));
    } else valid.push({ event, input: checked.input });
  }

  const now = deps.clock.now();
  const taken = await chunk.takenPayoutIds(valid.flatMap(({ input }) => (input.payoutId ? [input.payoutId] : [])));
  const planned: Planned[] = [];
  for (const [platformId, group] of groupBy(valid, ({ input }) => input.platformId)) {
    const found = await chunk.lookup(
      platformId,
      group.map(({ input }) => ({
        key: input.idempotencyKey,
        beneficiaryId: input.request.beneficiaryId,
        destination: input.request.destination,
      })),
    );
    for (const [i, { event, input }] of group.entries()) {
      const judged = judgeLookup(found[i]!, input, now);
      switch (judged.kind) {
        case 'admit':
          if (input.payoutId && taken.has(input.payoutId)) {
            const issue = { path: 'payout_id', code: 'payout_id_taken', message: 'payout_id is already in use' };
            outcomes.set(event.event_id, await rejectUpstream(tx, event, input.requestHash, null, [issue]));
          } else planned.push({ event, input, admission: admissionOf(input, judged.destination, deps.settings, now) });
          break;
        case 'replay':
          outcomes.set(event.event_id, { kind: 'duplicate', payoutId: judged.payoutId });
          break;
        case 'reused':
          outcomes.set(
            event.event_id,
            await rejectUpstream(tx, event, input.requestHash, judged.payoutId, [requestIdReused]),
          );
          break;
        case 'refused':
          outcomes.set(event.event_id, await rejectUpstream(tx, event, input.requestHash, null, judged.issues));
          break;
        default:
          assertNever(judged);
      }
    }
  }
  await admitPlanned(tx, chunk, planned, now, outcomes);
  return outcomes;
}

/** The admission statement for every planned request, then the answers for keys a concurrent request took. */
async function admitPlanned(
  tx: Pick<IntakeTx, 'publish'>,
  chunk: AdmissionChunkTx,
  planned: readonly Planned[],
  now: Date,
  outcomes: Map<string, UpstreamOutcome>,
): Promise<void> {
  const results = await chunk.admit(planned.map((p) => p.admission));
  const lost = planned.filter((_, i) => results[i] === 'key_taken');
  const winners = new Map<string, Awaited<ReturnType<AdmissionChunkTx['storedKeys']>>>();
  for (const [platformId, group] of groupBy(lost, (p) => p.input.platformId)) {
    winners.set(
      platformId,
      await chunk.storedKeys(
        platformId,
        group.map((p) => p.input.idempotencyKey),
      ),
    );
  }
  for (const [i, { event, input, admission }] of planned.entries()) {
    const result = results[i]!;
    switch (result) {
      case 'admitted':
        outcomes.set(event.event_id, { kind: 'accepted', payoutId: admission.payout.id });
        break;
      case 'destination_not_payable':
        outcomes.set(
          event.event_id,
          await rejectUpstream(tx, event, input.requestHash, null, notPayableMeanwhile().issues),
        );
        break;
      case 'key_taken': {
        const winner = winners.get(input.platformId)?.get(input.idempotencyKey);
        const answer = winner ? answerFromStored(winner, input, now) : undefined;
        if (!answer) throw new Error('idempotency key taken but no live stored entry was found');
        outcomes.set(
          event.event_id,
          answer.kind === 'replay'
            ? { kind: 'duplicate', payoutId: answer.payoutId }
            : await rejectUpstream(tx, event, input.requestHash, answer.payoutId, [requestIdReused]),
        );
        break;
      }
      default:
        assertNever(result);
    }
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
