#include "engine/runtime/heap_reuse.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <thread>
#include <unistd.h>

namespace frontseat {
namespace {

double residentMb() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1 << 20);
}

// Allocates, touches and frees a block the size of one long input's activation.
void allocateTouchAndFree(size_t bytes) {
  auto* block = static_cast<char*>(std::malloc(bytes));
  ASSERT_NE(block, nullptr);
  std::memset(block, 1, bytes);
  asm volatile("" : : "r"(block) : "memory");  // the stores are not dead
  std::free(block);
}

constexpr size_t kBlockBytes = size_t{96} << 20;

TEST(HeapReuse, FreedActivationsStayForTheNextTensorUntilReturned) {
#if !defined(__GLIBC__)
  GTEST_SKIP() << "the heap settings are glibc's";
#else
  // glibc's default: a block this large is its own mapping, gone on free.
  const double start = residentMb();
  allocateTouchAndFree(kBlockBytes);
  EXPECT_LT(residentMb() - start, 32) << "a large block stayed resident before keepFreedMemoryForReuse()";

  keepFreedMemoryForReuse();
  const double before = residentMb();
  allocateTouchAndFree(kBlockBytes);
  const double kept = residentMb();
  EXPECT_GT(kept - before, 64) << "the freed block left the heap";

  // The next allocation of that size reuses those pages: nothing new becomes resident.
  allocateTouchAndFree(kBlockBytes);
  EXPECT_LT(residentMb() - kept, 16);

  returnFreedMemory();
  EXPECT_LT(residentMb() - before, 32) << "returnFreedMemory() kept the free block";
#endif
}

// The app runs the model on its engine thread, not on main().
TEST(HeapReuse, BlocksFreedOnAnotherThreadStayToo) {
#if !defined(__GLIBC__)
  GTEST_SKIP() << "the heap settings are glibc's";
#else
  keepFreedMemoryForReuse();
  double before = 0, kept = 0, again = 0;
  std::thread worker([&] {
    before = residentMb();
    allocateTouchAndFree(kBlockBytes);
    kept = residentMb();
    allocateTouchAndFree(kBlockBytes);
    again = residentMb();
  });
  worker.join();
  EXPECT_GT(kept - before, 64) << "the worker thread's freed block left the heap";
  EXPECT_LT(again - kept, 16);
  returnFreedMemory();
  EXPECT_LT(residentMb() - before, 32);
#endif
}

}  // namespace
}  // namespace frontseat
