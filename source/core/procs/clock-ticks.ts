/**
 * CLK_TCK, the unit of utime/stime in `/proc/<pid>/stat` and of `/proc/stat`. Linux exports USER_HZ = 100
 * to user space on every architecture still in use (x86, arm, arm64, riscv, ppc, s390), whatever the
 * kernel's internal HZ, so it is a constant here: asking `getconf` cost a synchronous ~25 ms spawn on
 * the dashboard's start-up path. Run-queue times come from schedstat in nanoseconds and do not depend on it.
 */
export function clockTicksPerSecond(): number {
	return 100;
}
