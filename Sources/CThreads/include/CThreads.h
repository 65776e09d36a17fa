#ifndef CTHREADS_H
#define CTHREADS_H

/// The CPU the calling thread is running on, or -1 where the system does not say (not Linux).
int wacore_current_cpu(void);

/// How many CPUs the calling thread may run on (its affinity: `taskset`, a container's
/// cpuset), or -1 where the system does not say (not Linux, or more than 1,024 CPUs).
int wacore_allowed_cpu_count(void);

/// If the calling thread is running on `cpu` and may run on another CPU, moves it off `cpu`
/// and then restores its CPU affinity as it was, so the scheduler may place it anywhere again.
/// Returns the CPU the thread was moved to, or -1 when it did not move (it was elsewhere, it
/// may run only on `cpu`, or the system has no CPU affinity: not Linux).
int wacore_step_off_cpu(int cpu);

/// Names the calling thread, as `top -H`, `ps -L`, `perf` and debuggers show it. Linux keeps
/// 15 bytes of a name; a longer one is cut there.
void wacore_name_current_thread(const char *name);

#endif
