import type { Logger } from '@sluice/service-kit';
import CircuitBreaker from 'opossum';
import type { PayoutProvider, ProviderAvailability, ProviderCall, ProviderGateway } from '../../app/ports.ts';
import { isProviderFault } from '../../domain/failure-class.ts';

export interface BreakerSettings {
  /** Failure percentage over the rolling window that opens the breaker. */
  readonly errorThresholdPercentage: number;
  /** Calls in the window before the percentage counts (one timeout must not open it). */
  readonly volumeThreshold: number;
  readonly rollingCountTimeoutMs: number;
  /** How long the breaker stays open before letting one trial call through (half-open). */
  readonly resetTimeoutMs: number;
}

/** A provider fault (timeout, 5xx, connection failure) thrown inside the breaker so it counts; carries the call. */
class ProviderFault extends Error {
  readonly call: ProviderCall<unknown>;
  constructor(call: ProviderCall<unknown>) {
    super(`provider fault: ${call.outcome.kind}`);
    this.call = call;
  }
}

type Run = () => Promise<ProviderCall<unknown>>;

const NOT_SENT = { outcome: { kind: 'not_sent' }, latencyMs: 0 } as const;

/** The gateway plus what the composition root needs: breaker states for /readyz and metrics, and shutdown. */
export interface GuardedGateway extends ProviderGateway {
  describe(): Record<string, { availability: ProviderAvailability; breaker: 'closed' | 'half_open' | 'open' }>;
  onStateChange(listener: (provider: string, availability: ProviderAvailability) => void): void;
  shutdown(): void;
}

/**
 * Puts each provider behind its own opossum circuit breaker and the kill switch. 4xx answers to a create are the
 * provider working as designed and pass through; timeouts, 5xx and connection failures count against it. While the
 * breaker is open or the provider is disabled, calls come back `not_sent` without leaving this process.
 */
export function guardedGateway(
  providers: readonly PayoutProvider[],
  settings: BreakerSettings,
  logger: Logger,
): GuardedGateway {
  const breakers = new Map<string, Breaker>();
  const guarded = new Map<string, PayoutProvider>();
  const listeners: ((provider: string, availability: ProviderAvailability) => void)[] = [];
  let disabled: ReadonlySet<string> = new Set();
  const isDisabled = (name: string) => disabled.has(name);

  const availability = (name: string): ProviderAvailability => {
    const breaker = breakers.get(name);
    if (!breaker || disabled.has(name)) return 'disabled';
    if (breaker.opened) return 'open';
    // Half-open lets exactly one trial through; once it left, others wait for its verdict.
    if (breaker.halfOpen) return breaker.pendingClose ? 'half_open' : 'open';
    return 'closed';
  };
  const notify = (name: string) => {
    for (const listener of listeners) listener(name, availability(name));
  };

  for (const provider of providers) {
    const breaker = createBreaker(provider.name, settings, (state) => {
      logger.warn({ provider: provider.name, breaker: state }, 'provider circuit breaker changed state');
      notify(provider.name);
    });
    breakers.set(provider.name, breaker);
    guarded.set(provider.name, guardProvider(provider, breaker, isDisabled));
  }

  return {
    providers: () => [...guarded.keys()],
    get: (name) => guarded.get(name),
    availability,
    updateDisabled(next) {
      const changed = [...new Set([...disabled, ...next])].filter((name) => disabled.has(name) !== next.has(name));
      disabled = next;
      for (const name of changed) notify(name);
    },
    describe: () =>
      Object.fromEntries(
        [...breakers].map(([name, breaker]) => [
          name,
          {
            availability: availability(name),
            breaker: breaker.opened ? 'open' : breaker.halfOpen ? 'half_open' : 'closed',
          },
        ]),
      ),
    onStateChange: (listener) => {
      listeners.push(listener);
    },
    shutdown: () => {
      for (const breaker of breakers.values()) breaker.shutdown();
    },
  };
}

type Breaker = CircuitBreaker<[Run], ProviderCall<unknown>>;

/** The provider's breaker: a provider fault thrown inside it counts, any other answer is a success. */
function createBreaker(name: string, settings: BreakerSettings, onChange: (state: string) => void): Breaker {
  const breaker = new CircuitBreaker<[Run], ProviderCall<unknown>>(
    async (run: Run) => {
      const call = await run();
      if (isProviderFault(call.outcome)) throw new ProviderFault(call);
      return call;
    },
    {
      name,
      timeout: false, // the client enforces its own timeout; a second one here would race it
      errorThresholdPercentage: settings.errorThresholdPercentage,
      volumeThreshold: settings.volumeThreshold,
      rollingCountTimeout: settings.rollingCountTimeoutMs,
      resetTimeout: settings.resetTimeoutMs,
    },
  );
  breaker.on('open', () => onChange('open'));
  breaker.on('halfOpen', () => onChange('half_open'));
  breaker.on('close', () => onChange('closed'));
  return breaker;
}

/** The provider with every call behind its breaker and kill switch. */
function guardProvider(
  provider: PayoutProvider,
  breaker: Breaker,
  isDisabled: (name: string) => boolean,
): PayoutProvider {
  // Creates go through the breaker and are what it measures: a flapping create endpoint must trip it even while
  // reads answer fine (reads outnumber creates and would dilute the error rate).
  const guardCreate = async <T>(run: () => Promise<ProviderCall<T>>): Promise<ProviderCall<T>> => {
    if (isDisabled(provider.name)) return NOT_SENT;
    try {
      return (await breaker.fire(run)) as ProviderCall<T>;
    } catch (error) {
      if (error instanceof ProviderFault) return error.call as ProviderCall<T>;
      if ((error as { code?: unknown }).code === 'EOPENBREAKER') return NOT_SENT;
      throw error;
    }
  };
  // Reads respect an open breaker and the kill switch but are not counted, so they keep resolving `unknown`
  // payouts while the breaker is half-open and waits for its one trial create.
  const guardRead = async <T>(run: () => Promise<ProviderCall<T>>): Promise<ProviderCall<T>> => {
    if (isDisabled(provider.name) || breaker.opened) return NOT_SENT;
    return run();
  };
  return {
    name: provider.name,
    requestBody: (input) => provider.requestBody(input),
    createPayout: (request) => guardCreate(() => provider.createPayout(request)),
    getPayout: (reference) => guardRead(() => provider.getPayout(reference)),
    findByClientReference: (reference) => guardRead(() => provider.findByClientReference(reference)),
    listSettlements: (date) => guardRead(() => provider.listSettlements(date)),
    getBalances: () => guardRead(() => provider.getBalances()),
    observedStatusOf: (status) => provider.observedStatusOf(status),
  };
}
