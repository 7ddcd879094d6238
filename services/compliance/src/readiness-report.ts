import { parseArgs } from 'node:util';
import { formatReadiness, loadPrograms, type ReadinessReport, readiness } from '@sluice/program-config';

/**
 * Launch readiness of every program (or one) as reports and printable lines: what `sluice readiness [--program P]`
 * shows. Throws ProgramConfigError when the program files do not load (e.g. a `live` market failing readiness,
 * listed with its gaps) and an Error for an unknown program id.
 */
export function readinessReport(programId?: string, dir?: string): { reports: ReadinessReport[]; lines: string[] } {
  const catalog = loadPrograms(dir);
  const programs = programId ? [catalog.program(programId)] : catalog.programs;
  if (programs.some((p) => p === undefined)) {
    throw new Error(`unknown program ${programId}; known: ${catalog.programs.map((p) => p.id).join(', ')}`);
  }
  const reports = programs.map((p) => readiness(p!));
  return { reports, lines: reports.flatMap(formatReadiness) };
}

// `node services/compliance/src/readiness-report.ts [--program P] [--json]`
if (import.meta.main) {
  const { values } = parseArgs({ options: { program: { type: 'string' }, json: { type: 'boolean' } } });
  try {
    const { reports, lines } = readinessReport(values.program);
    process.stdout.write(values.json ? `${JSON.stringify(reports, null, 2)}\n` : `${lines.join('\n')}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
