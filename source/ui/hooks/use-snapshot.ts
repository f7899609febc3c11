import {useSyncExternalStore} from 'react';
import type {DashboardSnapshot} from '../../core/dashboard/snapshot.js';

export interface SnapshotSource {
	// Properties, not methods: React calls them unbound.
	subscribe: (listener: () => void) => () => void;
	getSnapshot: () => DashboardSnapshot;
}

/** The dashboard's data: the store's snapshot as of its last event; the store tells React of changes at a capped rate. */
export function useSnapshot(store: SnapshotSource): DashboardSnapshot {
	return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
