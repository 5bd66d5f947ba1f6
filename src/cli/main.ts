#!/usr/bin/env node
/** The `warroom` binary. Everything happens in `runCli`; this only binds it to the process. */
import { runCli } from "./run.js";

// `warroom timeline INC-1 | head` closes the pipe early: that is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
// Let stdout drain, then leave with the code even if a stray handle lingers.
process.stdout.write("", () => process.exit(code));
