import {useSyncExternalStore} from 'react';
import type {DashboardSnapshot} from '../../core/store/snapshot.js';

export interface SnapshotSource {
	subscribe(listener: () => void): () => void;
	getSnapshot(): DashboardSnapshot;
}

/** The dashboard's data: the store's latest published snapshot (published at a capped rate outside React). */
export function useSnapshot(store: SnapshotSource): DashboardSnapshot {
	return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
