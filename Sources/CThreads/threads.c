// sched_getcpu, sched_setaffinity and pthread_setname_np are GNU extensions, and Swift's Glibc
// module does not define _GNU_SOURCE, so they are wrapped here.
#if defined(__linux__)
#define _GNU_SOURCE
#include <sched.h>
#include <string.h>
#endif
#include <pthread.h>

#include "CThreads.h"

int wacore_current_cpu(void) {
#if defined(__linux__)
    return sched_getcpu();
#else
    return -1;
#endif
}

int wacore_allowed_cpu_count(void) {
#if defined(__linux__)
    cpu_set_t allowed;
    return sched_getaffinity(0, sizeof allowed, &allowed) == 0 ? CPU_COUNT(&allowed) : -1;
#else
    return -1;
#endif
}

int wacore_step_off_cpu(int cpu) {
#if defined(__linux__)
    if (cpu < 0 || cpu >= CPU_SETSIZE || sched_getcpu() != cpu) return -1;
    cpu_set_t allowed, elsewhere;
    // A machine with more than CPU_SETSIZE (1024) CPUs fails here (EINVAL): then nothing moves.
    if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return -1;
    elsewhere = allowed;
    CPU_CLR(cpu, &elsewhere);
    if (CPU_COUNT(&elsewhere) == 0) return -1;
    // The kernel migrates the thread before this call returns.
    if (sched_setaffinity(0, sizeof elsewhere, &elsewhere) != 0) return -1;
    int moved = sched_getcpu();
    sched_setaffinity(0, sizeof allowed, &allowed);
    return moved;
#else
    (void)cpu;
    return -1;
#endif
}

void wacore_name_current_thread(const char *name) {
#if defined(__linux__)
    char kept[16];
    strncpy(kept, name, sizeof kept - 1);
    kept[sizeof kept - 1] = 0;
    pthread_setname_np(pthread_self(), kept);
#elif defined(__APPLE__)
    pthread_setname_np(name);
#else
    (void)name;
#endif
}
