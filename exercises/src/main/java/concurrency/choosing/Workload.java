package concurrency.choosing;

/**
 * What limits a piece of work — the question the lesson's "Choosing the right approach" asks first.
 *
 * <p>Nothing to implement here: {@link Workloads#executorFor} picks a pool for each constant.
 */
public enum Workload {
    /**
     * Mostly waiting: network, disk, database queries. A waiting thread costs no CPU, so many threads
     * (more than the cores) let many waits overlap. Python: threading or asyncio.
     */
    IO_BOUND,
    /**
     * Mostly computing: number crunching, data processing. Only one thread per core can compute at a
     * time; more threads only add switching. Python: multiprocessing (because of the GIL); Java: threads.
     */
    CPU_BOUND
}
