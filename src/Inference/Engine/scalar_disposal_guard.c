// Scalar disposal guard: a small library that stands in front of TorchSharp's native library and delays the freeing
// of native Scalars by a grace period. Why (ScalarDisposalGuard.cs has the whole story): TorchSharp turns .NET numbers
// into native c10::Scalar objects that only the garbage collector frees. Its methods pass a Scalar's handle to libtorch
// and do not keep the .NET object alive during the call, so a collection started by another thread can run the
// Scalar's finalizer while libtorch is still reading it. Measured here: about 1 call in 7,000 failed under allocation
// pressure ("Expected false to be true" from c10::Scalar::toFloat); had the freed memory been reused first, the call
// would have read another Scalar's value instead.
//
// The build compiles this file next to each libLibTorchSharp.so (build/native-shims-step.sh) and links it
// against that library, so a symbol lookup through this library's handle finds every other THS* function in
// TorchSharp's library. ScalarDisposalGuard.cs points TorchSharp's P/Invokes at this library.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

// How long a disposed Scalar stays allocated. A native call reads its Scalars as it starts, microseconds after the
// handle was read; two seconds also covers a thread that the scheduler stalls on a loaded machine. At the highest rate
// measured here (about 40,000 Scalars a second) the deferred ones hold about 4 MB.
static const int64_t grace_ns = 2000000000LL;

typedef void (*dispose_function)(void *);

struct deferred {
    void *scalar;
    int64_t disposed_at_ns;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static dispose_function real_dispose;
static struct deferred *queue; // a ring buffer, oldest first from `head`
static size_t capacity, head, count;
static uint64_t deferred_total, released_total;

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

// TorchSharp's own THSTorch_dispose_scalar, found through TorchSharp's library (loaded as this library's dependency).
static dispose_function find_real_dispose(void) {
    void *library = dlopen("libLibTorchSharp.so", RTLD_NOW | RTLD_NOLOAD);
    if (library == NULL) return NULL;
    dispose_function found = (dispose_function)dlsym(library, "THSTorch_dispose_scalar");
    dlclose(library);
    return found;
}

static int grow(void) {
    size_t new_capacity = capacity == 0 ? 4096 : capacity * 2;
    struct deferred *bigger = malloc(new_capacity * sizeof *bigger);
    if (bigger == NULL) return 0;
    for (size_t i = 0; i < count; i++) bigger[i] = queue[(head + i) % capacity];
    free(queue);
    queue = bigger;
    capacity = new_capacity;
    head = 0;
    return 1;
}

// Replaces TorchSharp's export of the same name: queue the Scalar, then free those older than the grace period.
void THSTorch_dispose_scalar(void *scalar) {
    pthread_mutex_lock(&lock);
    if (real_dispose == NULL) real_dispose = find_real_dispose();
    if (real_dispose == NULL) { // cannot happen while TorchSharp's library is loaded; leaking beats freeing early
        pthread_mutex_unlock(&lock);
        return;
    }
    int64_t now = now_ns();
    if (count == capacity && !grow()) {
        // Out of memory for the queue: free the oldest now rather than fail.
        real_dispose(queue[head].scalar);
        head = (head + 1) % capacity;
        count--;
        released_total++;
    }
    queue[(head + count) % capacity] = (struct deferred){scalar, now};
    count++;
    deferred_total++;
    while (count > 0 && now - queue[head].disposed_at_ns >= grace_ns) {
        real_dispose(queue[head].scalar);
        head = (head + 1) % capacity;
        count--;
        released_total++;
    }
    pthread_mutex_unlock(&lock);
}

// For ScalarDisposalGuard's self-check and the tests: how many Scalars went through the guard, and how many it freed.
void InstructGpt_scalar_guard_counts(uint64_t *deferred, uint64_t *released) {
    pthread_mutex_lock(&lock);
    *deferred = deferred_total;
    *released = released_total;
    pthread_mutex_unlock(&lock);
}
