import { problems } from '@sluice/service-kit';
import type { Express } from 'express';
import type { DispatchDeps } from '../../app/deps.ts';
import { setProviderEnabled } from '../../app/provider-switches.ts';
import type { GuardedGateway } from '../providers/provider-gateway.ts';
import { operatorOf, requireAction } from './operator-auth.middleware.ts';

/**
 * `GET /v1/providers` (breaker state and kill switch of each provider), `POST /v1/providers/:provider/enable` and
 * `/disable` (incident_response, admin): the way back after a 403 stopped a provider, and a manual kill switch.
 */
export function providersRoutes(
  app: Express,
  deps: Pick<DispatchDeps, 'transactions' | 'clock' | 'logger'> & { gateway: GuardedGateway },
  onEnabled: (provider: string) => void,
): void {
  const describe = async () => {
    const disabled = await deps.transactions.read().switches.disabled();
    return Object.entries(deps.gateway.describe()).map(([provider, state]) => ({
      provider,
      ...state,
      disabled_reason: disabled.get(provider)?.reason ?? null,
      disabled_at: disabled.get(provider)?.at.toISOString() ?? null,
    }));
  };
  app.get('/v1/providers', requireAction('read'), async (_req, res) => {
    res.json({ data: await describe() });
  });
  for (const action of ['enable', 'disable'] as const) {
    app.post(`/v1/providers/:provider/${action}`, requireAction('switch_provider'), async (req, res) => {
      const provider = String(req.params.provider);
      const result = await setProviderEnabled(deps, provider, action === 'enable', operatorOf(res).operatorId);
      if (result === 'unknown_provider') throw problems.notFound(`provider ${provider}`);
      if (action === 'enable') onEnabled(provider);
      res.json({ changed: result === 'changed', data: (await describe()).find((p) => p.provider === provider) });
    });
  }
}
