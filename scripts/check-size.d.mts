/** Types of check-size.mjs, for its test. */
export declare const MAX_FILE_LINES: number;
export declare const MAX_FUNCTION_LINES: number;
/** Size problems of one source file, as `path:line: message` strings. */
export declare function sizeProblems(name: string, text: string): string[];
/** Every size problem under `root`/src. */
export declare function checkSize(root: string): string[];
