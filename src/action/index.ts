import { keepYoungGenerationSmall } from "../commands/young-generation.js";
import { run } from "./main.js";

// The same memory bound as the CLI's (src/commands/young-generation.ts).
keepYoungGenerationSmall();
await run();
