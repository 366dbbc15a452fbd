package concurrency.choosing;

/** What limits a piece of work: waiting for I/O or computing on the CPU. */
public enum Workload {
    /** Mostly waiting (network, disk, database): many threads help, waiting costs no CPU. */
    IO_BOUND,
    /** Mostly computing: one thread per processor, more only adds switching. */
    CPU_BOUND
}
