/** Demo output: short sections a person can read top to bottom. */
export const print = (line = '') => process.stdout.write(`${line}\n`);

export function section(title: string): void {
  print();
  print(`── ${title} ${'─'.repeat(Math.max(0, 72 - title.length))}`);
}

/** Fixed-width table rows; every cell is already a string. */
export function table(rows: readonly (readonly string[])[]): void {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  for (const row of rows) print(`  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`);
}
