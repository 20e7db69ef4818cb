export {};
// `pnpm simulate <scenario> [options]`: each scenario is a module in this folder.
const [scenario, ...rest] = process.argv.slice(2);
const scenarios = ['charging'] as const;
if (!scenario || !(scenarios as readonly string[]).includes(scenario)) {
  console.error(`usage: pnpm simulate <${scenarios.join('|')}> [options]`);
  process.exit(2);
}
process.argv = [process.argv[0]!, process.argv[1]!, ...rest];
await import(`./${scenario}.ts`);
