import type { EntityManager } from '@sluice/persistence';
import { date, json, query, text, textOrNull } from '@sluice/persistence';
import type { GateRunRecord, GateRunRepository, GateRunTrigger } from '../../app/ports.ts';
import type { GateName } from '../../domain/gate-result.ts';

/** Every gate run ever made, with rule, version, input hash, result, owner and time: the evidence of a decision. */
export function gateRunStore(em: EntityManager): GateRunRepository {
  return {
    async insert(runs) {
      if (runs.length === 0) return;
      const params: unknown[] = [];
      const values = runs.map((r) => {
        params.push(r.payoutId, r.holdId, r.trigger, r.gate, r.rule, r.ruleVersion, r.inputHash, r.result, r.code);
        params.push(r.owner, JSON.stringify(r.evidence), r.configVersion, r.checkedAt);
        return '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)';
      });
      await query(
        em,
        `insert into gate_runs (payout_id, hold_id, trigger, gate, rule, rule_version, input_hash, result, code, owner,
           evidence, config_version, checked_at) values ${values.join(', ')}`,
        params,
      );
    },

    async forPayout(payoutId) {
      const rows = await query(em, 'select * from gate_runs where payout_id = ? order by id', [payoutId]);
      return rows.map(
        (row): GateRunRecord => ({
          payoutId: text(row.payout_id),
          holdId: textOrNull(row.hold_id),
          trigger: text(row.trigger) as GateRunTrigger,
          gate: text(row.gate) as GateName,
          rule: text(row.rule),
          ruleVersion: text(row.rule_version),
          inputHash: text(row.input_hash),
          result: text(row.result) as GateRunRecord['result'],
          code: textOrNull(row.code),
          owner: text(row.owner),
          evidence: json<string[]>(row.evidence),
          configVersion: text(row.config_version),
          checkedAt: date(row.checked_at),
        }),
      );
    },
  };
}
