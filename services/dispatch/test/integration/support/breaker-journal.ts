import type { GuardedGateway } from '../../../src/adapters/providers/provider-gateway.ts';
import type { PayoutProvider, ProviderAvailability } from '../../../src/app/provider-port.ts';
import { isProviderFault, type TransportOutcome } from '../../../src/domain/failure-class.ts';

export type BreakerState = 'closed' | 'half_open' | 'open';

/** A create call dispatch made through its gateway, with the breaker's state as it was made. */
export interface CreateCall {
  readonly kind: 'create';
  readonly payoutId: string;
  readonly breakerAtLaunch: BreakerState;
  /** How it ended (`not_sent`: refused by the breaker without leaving this process); undefined while in flight. */
  outcome?: TransportOutcome;
}

export interface BreakerChange {
  readonly kind: 'breaker';
  readonly breaker: BreakerState;
  /** What the gateway reported (and `dispatch_provider_state` shows). */
  readonly availability: ProviderAvailability;
}

export type Entry = CreateCall | BreakerChange;

export const isCreate = (entry: Entry): entry is CreateCall => entry.kind === 'create';
export const isBreaker = (entry: Entry): entry is BreakerChange => entry.kind === 'breaker';
/** The breaker let the call through (it reached the provider, or may have): anything but a local refusal. */
export const letThrough = (call: CreateCall) => call.outcome !== undefined && call.outcome.kind !== 'not_sent';
/** What the breaker counts against the provider (the gateway's own rule). */
export const isFault = (call: CreateCall) => call.outcome !== undefined && isProviderFault(call.outcome);
/** The HTTP status the provider answered, or null (refused, timed out, connection failed). */
export const statusOf = (call: CreateCall) => (call.outcome?.kind === 'response' ? call.outcome.httpStatus : null);

/**
 * Journals, in the order they happen in dispatch's process (it runs in this one), every change of provider `name`'s
 * breaker and every create call dispatch makes through its gateway with the breaker's state at that moment. The calls
 * go on to the guarded provider unchanged. Order, not clocks: which call was made in which breaker state is exact
 * however slow the machine is, where comparing timestamps of two processes is not.
 */
export function journalOf(gateway: GuardedGateway, name: string): Entry[] {
  const entries: Entry[] = [];
  const breaker = () => gateway.describe()[name]!.breaker;
  gateway.onStateChange((provider, availability) => {
    if (provider === name) entries.push({ kind: 'breaker', breaker: breaker(), availability });
  });
  const journaled = (provider: PayoutProvider): PayoutProvider =>
    new Proxy(provider, {
      get(target, property) {
        if (property === 'createPayout') {
          return async (request: Parameters<PayoutProvider['createPayout']>[0]) => {
            const payoutId = String((JSON.parse(request.body) as { client_reference: unknown }).client_reference);
            const call: CreateCall = { kind: 'create', payoutId, breakerAtLaunch: breaker() };
            entries.push(call);
            const answer = await target.createPayout(request);
            call.outcome = answer.outcome;
            return answer;
          };
        }
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const get = gateway.get.bind(gateway);
  gateway.get = (provider) => {
    const found = get(provider);
    return found && provider === name ? journaled(found) : found;
  };
  return entries;
}

/** Each half-open spell: the creates made during it and the state that ended it (none: it has not ended). */
export function halfOpenSpells(journal: readonly Entry[]) {
  const spells: { creates: CreateCall[]; endedAs: BreakerState | undefined }[] = [];
  let current: (typeof spells)[number] | undefined;
  for (const entry of journal) {
    if (isCreate(entry)) {
      current?.creates.push(entry);
      continue;
    }
    if (current) current.endedAs = entry.breaker;
    current = entry.breaker === 'half_open' ? { creates: [], endedAs: undefined } : undefined;
    if (current) spells.push(current);
  }
  return spells;
}
