// Typed errors that cross the engine boundary. Every message is written for the
// person using the app: it names the file, tensor or value at fault.
#pragma once

#include <stdexcept>
#include <string>

namespace frontseat {

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A model folder, config.json or weight file is missing or malformed.
struct CheckpointError : Error {
  using Error::Error;
};

// The tokenizer model cannot be loaded or used.
struct TokenizerError : Error {
  using Error::Error;
};

// Something the user gave us (a document, a question, an option) is unusable.
struct InputError : Error {
  using Error::Error;
};

// The requested device or dtype is not available on this machine.
struct DeviceError : Error {
  using Error::Error;
};

// Reading or writing a file failed (disk full, permissions, ...).
struct IoError : Error {
  using Error::Error;
};

// A long job was cancelled by the user.
struct CancelledError : Error {
  using Error::Error;
};

}  // namespace frontseat
