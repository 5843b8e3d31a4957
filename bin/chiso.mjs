#!/usr/bin/env node
// The `chiso` command: runs the TypeScript CLI through tsx (no build step; see README).
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
