#include "engine/runtime/heap_reuse.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace frontseat {

void keepFreedMemoryForReuse() {
#if defined(__GLIBC__)
  // Blocks up to 1 GiB come from the heap rather than from mmap, and the free
  // top of the heap is never trimmed (-1; the man page's "disables trimming"):
  // a training step on 16 KB documents peaks above 2 GiB, the most an int
  // threshold could keep, and faulted its pages in afresh after each trim.
  // Fixed values also turn off glibc's own adjustment of the mmap threshold.
  constexpr int kMmapThreshold = 1 << 30;
  mallopt(M_MMAP_THRESHOLD, kMmapThreshold);
  mallopt(M_TRIM_THRESHOLD, -1);
  // Every thread shares the main heap. A thread's own arena grows in heaps of
  // at most 64 MB, so it maps each larger block afresh whatever the threshold:
  // the app's engine thread encoded the 18K-token sample 3.3x slower than the
  // CLI's main thread, most of the difference page faults.
  mallopt(M_ARENA_MAX, 1);
#endif
}

void returnFreedMemory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace frontseat
