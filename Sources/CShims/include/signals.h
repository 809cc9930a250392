#ifndef SWIFTLET_SIGNALS_H
#define SWIFTLET_SIGNALS_H
// A signalfd for every signal (all must already be blocked), and reading the
// next signal number from it: signalfd_siginfo is not importable.
int sw_signalfd_all(void);
int sw_signalfd_next(int fd);
#endif
