import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  loadRoster
} from "./chunk-TDJ5YDX7.js";

// src/commands/validate.ts
function validateCommand(rosterPath, deps) {
  return loadRoster(rosterPath, deps.readFile);
}

export {
  validateCommand
};
