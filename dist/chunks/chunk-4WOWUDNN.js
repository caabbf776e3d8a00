import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);

// src/commands/describe-error.ts
function describeError(error, token) {
  const text = error instanceof Error ? error.message : String(error);
  return token && token.length >= 4 ? text.split(token).join("[token]") : text;
}

export {
  describeError
};
