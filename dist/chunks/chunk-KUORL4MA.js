import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  loadRoster
} from "./chunk-E4FAYA6Z.js";

// src/commands/validate.ts
function validateCommand(rosterPath, deps) {
  return loadRoster(rosterPath, deps.readFile);
}

export {
  validateCommand
};
