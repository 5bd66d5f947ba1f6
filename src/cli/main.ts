#!/usr/bin/env node
/** The `warroom` binary. Everything happens in `runCli`; this only binds it to the process. */
import { runCli } from "./run.js";

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
process.exitCode = code;
// Let stdout drain before leaving; then exit even if a stray handle lingers.
process.stdout.write("", () => process.exit(code));
