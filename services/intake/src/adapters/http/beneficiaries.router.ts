import { problems } from '@sluice/service-kit';
import type { Express, Response } from 'express';
import { createBeneficiary, getBeneficiary, listBeneficiaries } from '../../app/beneficiaries.ts';
import type { IntakeDeps } from '../../app/create-payout.ts';
import { addBankAccount, addWallet, commandDestination, listDestinations } from '../../app/destinations.ts';
import type { PageQuery } from '../../app/pagination.ts';
import { DESTINATION_COMMANDS, type DestinationCommand } from '../../domain/destination-state.ts';
import { callerOf, requireScope } from './auth.middleware.ts';
import { conflict, invalid } from './problems.ts';
import { bankAccountResource, beneficiaryResource, listResource, walletResource } from './resources.ts';

const read = requireScope('payouts:read');
const write = requireScope('payouts:write');

/** `/v1/beneficiaries` with their wallets and bank accounts, each scoped to the calling platform. */
export function beneficiariesRoutes(app: Express, deps: IntakeDeps): void {
  app.post('/v1/beneficiaries', write, async (req, res) => {
    const result = await createBeneficiary(deps, callerOf(res).platformId, req.body);
    if (!result.ok) throw invalid(result.issues);
    res.status(201).json(beneficiaryResource(result.value));
  });

  app.get('/v1/beneficiaries', read, async (req, res) => {
    const result = await listBeneficiaries(deps.transactions.read(), callerOf(res).platformId, req.query as PageQuery);
    if (!result.ok) throw invalid(result.issues);
    res.json(listResource(result.data.map(beneficiaryResource), result.hasMore, result.nextCursor));
  });

  app.get('/v1/beneficiaries/:id', read, async (req, res) => {
    const found = await getBeneficiary(deps.transactions.read(), callerOf(res).platformId, req.params.id as string);
    if (!found) throw problems.notFound('beneficiary');
    res.json(beneficiaryResource(found));
  });

  app.post('/v1/beneficiaries/:id/wallets', write, async (req, res) => {
    const result = await addWallet(deps, callerOf(res).platformId, req.params.id as string, req.body);
    if ('notFound' in result) throw problems.notFound(result.notFound);
    if (!result.ok) throw invalid(result.issues);
    res.status(result.created ? 201 : 200).json(walletResource(result.value));
  });

  app.get('/v1/beneficiaries/:id/wallets', read, async (req, res) => {
    const found = await listDestinations(deps.transactions.read(), callerOf(res).platformId, req.params.id as string);
    if (!found) throw problems.notFound('beneficiary');
    res.json(listResource(found.wallets.map(walletResource), false, null));
  });

  app.post('/v1/beneficiaries/:id/bank-accounts', write, async (req, res) => {
    const result = await addBankAccount(deps, callerOf(res).platformId, req.params.id as string, req.body);
    if ('notFound' in result) throw problems.notFound(result.notFound);
    if (!result.ok) throw invalid(result.issues);
    res.status(result.created ? 201 : 200).json(bankAccountResource(result.value));
  });

  app.get('/v1/beneficiaries/:id/bank-accounts', read, async (req, res) => {
    const found = await listDestinations(deps.transactions.read(), callerOf(res).platformId, req.params.id as string);
    if (!found) throw problems.notFound('beneficiary');
    res.json(listResource(found.bankAccounts.map(bankAccountResource), false, null));
  });

  // Named state commands, one route each (activate, freeze, retire) so the API lists exactly what exists.
  for (const command of Object.keys(DESTINATION_COMMANDS) as DestinationCommand[]) {
    app.post(`/v1/beneficiaries/:id/wallets/:wallet_id/${command}`, write, async (req, res) => {
      const target = { type: 'wallet', id: req.params.wallet_id as string } as const;
      await runCommand(deps, res, { ...target, beneficiaryId: req.params.id as string }, command);
    });
    app.post(`/v1/beneficiaries/:id/bank-accounts/:bank_account_id/${command}`, write, async (req, res) => {
      const target = { type: 'bank_account', id: req.params.bank_account_id as string } as const;
      await runCommand(deps, res, { ...target, beneficiaryId: req.params.id as string }, command);
    });
  }
}

async function runCommand(
  deps: IntakeDeps,
  res: Response,
  target: { type: 'wallet' | 'bank_account'; id: string; beneficiaryId: string },
  command: DestinationCommand,
): Promise<void> {
  const result = await commandDestination(deps, { ...target, platformId: callerOf(res).platformId }, command);
  if ('notFound' in result) throw problems.notFound(result.notFound === 'beneficiary' ? 'beneficiary' : target.type);
  if (!result.ok) throw conflict(result.code, `cannot ${command} a ${result.from} ${target.type.replace('_', ' ')}`);
  res.json({ id: target.id, object: target.type, state: result.state, changed: result.changed });
}
