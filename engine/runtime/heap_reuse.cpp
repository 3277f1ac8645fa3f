#include "engine/runtime/heap_reuse.h"

#include <limits>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace frontseat {

void keepFreedMemoryForReuse() {
#if defined(__GLIBC__)
  // Blocks up to 1 GiB come from the heap rather than from mmap, and up to
  // 2 GiB free at the heap's top stay there (mallopt takes an int). Fixed
  // values also turn off glibc's own adjustment of the mmap threshold.
  constexpr int kMmapThreshold = 1 << 30;
  constexpr int kTrimThreshold = std::numeric_limits<int>::max();
  mallopt(M_MMAP_THRESHOLD, kMmapThreshold);
  mallopt(M_TRIM_THRESHOLD, kTrimThreshold);
#endif
}

void returnFreedMemory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace frontseat
