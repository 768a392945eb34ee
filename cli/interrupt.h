// SIGINT/SIGTERM for the programs: the first signal asks the work to stop (the indexer
// commits what is done and returns; the server finishes the requests in flight); a second
// one kills the process at once (default action).
#pragma once

#include <atomic>

namespace longjing::cli {

// Installs the handlers and returns the flag they set (IndexOptions::cancel, the server's
// stop flag). The
// flag and the signal number are the binary's only process-wide state: a signal handler
// can reach nothing else.
const std::atomic<bool>* install_interrupt_handlers();

// The signal that set the flag (SIGINT or SIGTERM), or 0.
int interrupt_signal();

}  // namespace longjing::cli
