#include "interrupt.h"

#include <csignal>

namespace longjing::cli {
namespace {

std::atomic<bool> g_cancel{false};
volatile std::sig_atomic_t g_signal = 0;
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs a lock-free flag");

extern "C" void on_signal(int signal) {
  g_signal = signal;
  g_cancel.store(true);
}

}  // namespace

const std::atomic<bool>* install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;  // a second signal gets the default action
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  return &g_cancel;
}

int interrupt_signal() { return g_signal; }

}  // namespace longjing::cli
