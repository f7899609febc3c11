/** Replaced at build time by esbuild (and by vitest's `define`) with package.json's version. */
declare const SOCKTUI_VERSION: string;
