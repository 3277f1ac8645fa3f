// frontseat-bench: speed and memory measurements printed as tables (or JSON).
#include "bench/benches.h"
#include "engine/runtime/heap_reuse.h"

int main(int argc, char** argv) {
  frontseat::keepFreedMemoryForReuse();  // as the app and the trainer run
  CLI::App app{"Frontseat benchmarks: tables of measured speed and memory", "frontseat-bench"};
  app.require_subcommand(1);
  frontseat::bench::addEncoderBench(app);
  frontseat::bench::addVccBench(app);
  frontseat::bench::addDecodeBench(app);
  frontseat::bench::addTrainBench(app);
  frontseat::bench::addLoadBench(app);
  frontseat::bench::addLibraryBench(app);
  frontseat::bench::addImportBench(app);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
