/** The version printed by --version and sent in User-Agent; kept equal to package.json by a test. */
export const VERSION = "0.1.0";
