/** Applies patches/ to node_modules with patch-package; throws with its output when one does not apply. */
export function applyPatches(): void;
