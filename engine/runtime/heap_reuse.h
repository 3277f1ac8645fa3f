// How the process's heap treats the large blocks a forward or backward pass
// frees. No LibTorch here: the app and the tools call it from plain code.
#pragma once

namespace frontseat {

// The activations of a long input are tens to hundreds of MB each. By default
// glibc returns blocks that large to the kernel on free and maps fresh pages on
// the next allocation, so every operation pays page faults and zeroing for
// memory it had a moment ago (about a third of a training step on a long
// document, a quarter of a 16K-token encode: `frontseat-bench train`, `vcc`).
// After this call freed blocks stay in the heap for the next tensor, on every
// thread. Call it once, first thing in main(): a thread that allocated before it
// keeps its own arena. The process's resident memory then stays
// near its peak until returnFreedMemory(). A no-op where the C library is not glibc.
void keepFreedMemoryForReuse();

// Hands the heap's free memory back to the kernel: for a long-lived process
// (the desktop app) once a job is over, so an idle app does not hold a job's peak.
void returnFreedMemory();

}  // namespace frontseat
