export const narrowTextClass: string;
export function patchStringWidthStart(source: string): string;
