import {useSyncExternalStore} from 'react';
import type {DashboardSnapshot} from '../../core/dashboard/snapshot.js';

export interface SnapshotSource {
	// Properties, not methods: React calls them unbound.
	subscribe: (listener: () => void) => () => void;
	getSnapshot: () => DashboardSnapshot;
}

/** The dashboard's data: the store's latest published snapshot (published at a capped rate outside React). */
export function useSnapshot(store: SnapshotSource): DashboardSnapshot {
	return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
