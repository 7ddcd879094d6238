/**
 * kafkajs 2.2.4 arms a timer with a negative delay on every connection (kafkajs issue #1751, unreleased fix), and
 * Node 24 prints a TimeoutNegativeWarning for it. The warning is harmless (Node uses 1 ms) but noise on every CLI
 * run trains people to ignore stderr. For entry points only: drops exactly that warning, keeps every other one
 * printed by Node's own handler. The flag `--disable-warning=TimeoutNegativeWarning` does the same from outside.
 */
export function dropKafkajsTimeoutWarning(): void {
  const printers = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.name === 'TimeoutNegativeWarning') return;
    for (const print of printers) print(warning);
  });
}
