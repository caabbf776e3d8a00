/**
 * The layer table of docs/architecture.md#layers-and-dependency-direction, enforced in `npm run lint`.
 * A folder imports only what its row allows; every rule names the row it guards.
 */
const layer = (name) => `^src/${name}/`;
const deny = (name, from, notTo, comment) => ({ name, severity: "error", comment, from: { path: from, pathNot: "\\.test\\.ts$" }, to: { path: notTo } });

module.exports = {
  forbidden: [
    deny("domain-imports-nothing", layer("domain"), "^src/(?!domain/)", "domain/ is vocabulary and imports nothing else from src/"),
    deny("domain-no-packages", layer("domain"), "node_modules", "domain/ imports no packages"),
    deny("plan-only-domain", layer("plan"), "^src/(?!plan/|domain/)", "plan/ may import domain/ only"),
    deny("render-only-plan-domain", layer("render"), "^src/(?!render/|plan/|domain/)", "render/ may import plan/ and domain/ only"),
    deny("roster-only-domain", layer("roster"), "^src/(?!roster/|domain/)", "roster/ may import domain/ only"),
    deny("sentry-only-domain", layer("sentry"), "^src/(?!sentry/|domain/)", "sentry/ may import domain/ only (its writer satisfies apply's port structurally)"),
    deny("apply-only-plan-domain", layer("apply"), "^src/(?!apply/|plan/|domain/)", "apply/ may import plan/ and domain/ only"),
    deny("github-only-domain", layer("github"), "^src/(?!github/|domain/)", "github/ may import domain/ only; it gets finished strings"),
    deny("commands-not-adapters", layer("commands"), "^src/(action|cli)/", "commands/ is below the adapters"),
    deny("action-only-commands-domain", layer("action"), "^src/(?!action/|commands/|domain/)", "action/ reaches src/ only through commands/ and domain/"),
    deny("cli-only-commands-domain", layer("cli"), "^src/(?!cli/|commands/|domain/)", "cli/ reaches src/ only through commands/ and domain/"),
    deny("cli-no-actions", layer("cli"), "node_modules/@actions", "the CLI never loads the Actions toolkit"),
    {
      name: "only-action-imports-actions-core",
      severity: "error",
      comment: "action/ is the only importer of @actions/core",
      from: { path: "^src/", pathNot: "^src/action/" },
      to: { path: "node_modules/@actions/core" },
    },
    {
      name: "only-github-and-action-import-octokit",
      severity: "error",
      comment: "github/ is the only octokit user; action/ reads @actions/github's context",
      from: { path: "^src/", pathNot: "^src/(github|action)/" },
      to: { path: "node_modules/(@actions/github|@octokit)" },
    },
    {
      name: "only-sentry-imports-undici",
      severity: "error",
      comment: "sentry/ is the only code that speaks HTTP to Sentry (commands/ builds its transport)",
      from: { path: "^src/", pathNot: "^src/(sentry|commands)/" },
      to: { path: "node_modules/undici" },
    },
    { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
