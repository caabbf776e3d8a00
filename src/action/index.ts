import { keepYoungGenerationSmall } from "../commands/young-generation.js";
import { run } from "./main.js";

// As the CLI does once its command is loaded (src/commands/young-generation.ts): the bundle is evaluated by now.
keepYoungGenerationSmall();
await run();
