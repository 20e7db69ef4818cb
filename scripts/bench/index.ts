export {};
// `pnpm bench <scenario> [--quick]`: each scenario is a module in this folder that prints one JSON line.
const [scenario, ...rest] = process.argv.slice(2);
const scenarios = ['devdb', 'booking', 'tributes', 'charging', 'insurance'] as const;
if (!scenario || !(scenarios as readonly string[]).includes(scenario)) {
  console.error(`usage: pnpm bench <${scenarios.join('|')}> [--quick]`);
  process.exit(2);
}
process.argv = [process.argv[0]!, process.argv[1]!, ...rest];
await import(`./${scenario}.ts`);
