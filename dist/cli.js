#!/usr/bin/env node
import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);

// src/cli/bin.ts
import nodeModule from "node:module";
nodeModule.enableCompileCache?.();
await import("./chunks/cli-2G4B75NU.js");
