import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Pure folders (docs/architecture.md#layers-and-dependency-direction): no I/O, no network, no environment, no clock.
const PURE = ["src/domain/**/*.ts", "src/plan/**/*.ts", "src/render/**/*.ts", "src/roster/**/*.ts", "src/apply/**/*.ts"];
const IO_MODULES = ["node:fs", "node:fs/promises", "node:http", "node:https", "node:net", "node:child_process", "undici"];

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**"] },
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly" } } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly", Buffer: "readonly", fetch: "readonly", AbortController: "readonly", AbortSignal: "readonly", TextEncoder: "readonly", TextDecoder: "readonly", structuredClone: "readonly", performance: "readonly", setImmediate: "readonly", queueMicrotask: "readonly", URLSearchParams: "readonly", Response: "readonly", Request: "readonly", Headers: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-restricted-syntax": [
        "error",
        { selector: "TSEnumDeclaration", message: "Use an `as const` object: Node's type stripping rejects enums." },
        { selector: "TSParameterProperty", message: "Declare fields explicitly: Node's type stripping rejects parameter properties." },
      ],
    },
  },
  {
    files: PURE.filter((glob) => glob !== "src/roster/**/*.ts").concat(["src/roster/**/*.ts"]),
    ignores: ["src/roster/load-roster.ts", "**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: IO_MODULES.map((name) => ({ name, message: "Pure layer: I/O belongs in the edges (docs/architecture.md#rules-the-code-keeps)." })),
          patterns: [{ group: ["@actions/*", "@octokit/*"], message: "Pure layer: GitHub belongs in src/github or src/action." }],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "fetch", message: "Pure layer: inject transport (docs/architecture.md#rules-the-code-keeps)." },
        { name: "process", message: "Pure layer: pass values in; no environment." },
      ],
    },
  },
  {
    files: ["src/sentry/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-globals": ["error", { name: "fetch", message: "The Sentry client receives fetch through its options." }],
    },
  },
);
