#!/usr/bin/env node
import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import "./chunks/chunk-BE7JI7H6.js";

// src/cli/bin.ts
import nodeModule from "node:module";

// src/commands/young-generation.ts
import { setFlagsFromString } from "node:v8";
function keepYoungGenerationSmall() {
  setFlagsFromString("--semi-space-growth-factor=1");
}

// src/cli/bin.ts
nodeModule.enableCompileCache?.();
keepYoungGenerationSmall();
await import("./chunks/cli-KUBVFOTM.js");
