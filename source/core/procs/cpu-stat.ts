/** Busy and total time of one core from a `cpuN ...` line of `/proc/stat`, in clock ticks. */
export interface CoreTimes {
	cpu: number;
	busyTicks: number;
	totalTicks: number;
}

/**
 * Parses the per-core lines of `/proc/stat` (not the aggregate `cpu ` line). Idle and iowait count as not
 * busy; guest time is already included in user time, so it is left out of the total. A truncated last
 * line (the caller read only the start of the file) is ignored.
 */
export function parseCpuStat(text: string): CoreTimes[] {
	const cores: CoreTimes[] = [];
	let start = 0;
	while (start < text.length) {
		const end = text.indexOf('\n', start);
		if (end < 0) break;
		if (text.startsWith('cpu', start) && text.charCodeAt(start + 3) >= 48 && text.charCodeAt(start + 3) <= 57) {
			const parts = text.slice(start, end).split(/\s+/);
			const cpu = Number(parts[0]!.slice(3));
			const values = parts.slice(1, 9).map(Number);
			if (Number.isInteger(cpu) && values.length >= 4 && values.every(Number.isFinite)) {
				const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = values;
				const busyTicks = user + nice + system + irq + softirq + steal;
				cores.push({cpu, busyTicks, totalTicks: busyTicks + idle + iowait});
			}
		} else if (!text.startsWith('cpu', start)) {
			break; // the cpu lines come first; nothing after them is needed
		}

		start = end + 1;
	}

	return cores;
}
