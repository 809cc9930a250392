#ifndef SWIFTLET_RENAME_H
#define SWIFTLET_RENAME_H

// renameat2(2): glibc declares it only under _GNU_SOURCE, which Swift's Glibc
// module does not see. RENAME_NOREPLACE lets the state store publish a
// pre-locked container directory without ever replacing an existing one.
#define SW_RENAME_NOREPLACE 1u
int sw_renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);
#endif
