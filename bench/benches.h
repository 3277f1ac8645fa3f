// The benchmark subcommands of frontseat-bench.
#pragma once

#include <CLI/CLI.hpp>

namespace frontseat::bench {

// `encoder`: full-attention encoder time by model shape and length, against the
// machine's measured matmul rate.
void addEncoderBench(CLI::App& app);

// `vcc`: full attention vs VCC by length: time, peak memory, fidelity.
void addVccBench(CLI::App& app);

// `decode`: decoding time by how cross-attention reads the encoder states
// (projected, absorbed, when the projection pays), by length and answer length.
void addDecodeBench(CLI::App& app);

// `train`: training step time, full attention vs VCC in the loop, by length.
void addTrainBench(CLI::App& app);

// `load`: resident memory added by loading a checkpoint, against its size.
void addLoadBench(CLI::App& app);

// `import`: import and tokenize time of given documents.
void addImportBench(CLI::App& app);

// `library`: listing time over many documents.
void addLibraryBench(CLI::App& app);

}  // namespace frontseat::bench
