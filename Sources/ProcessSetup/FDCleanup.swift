import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Makes sure no runtime (host) fd survives into the container: every fd >= 3 is
/// closed except those the container is meant to get (`--preserve-fds`, LISTEN_FDS,
/// the console...). CVE-2024-21626 showed a close-on-exec fd is not enough for host
/// directories: it is still usable during execve's own path resolution
/// (`/proc/self/fd/N/..`), so they must really be closed before execve.
public enum FDCleanup {
    static let closeRangeCloexec: UInt32 = 1 << 2

    /// Closes every fd >= 3 except `keep` (which get FD_CLOEXEC cleared so they survive
    /// execve) and `untilExec` (the runtime's own error-report pipe: marked FD_CLOEXEC,
    /// closed by execve itself). Call right before execve; never put a directory or
    /// host file in `untilExec`.
    public static func closeAllExcept(keep: [Int32], untilExec: [Int32] = []) throws(ProcessSetupError) {
        try sweep(except: keep + untilExec, cloexecOnly: false)
        for fd in keep where fd >= 0 {
            if sw_fcntl_int(fd, F_SETFD, 0) < 0 {
                throw ProcessSetupError(field: nil, "keeping fd \(fd) across exec", underlying: .last("fcntl(F_SETFD)"))
            }
        }
        for fd in untilExec where fd >= 0 {
            if sw_fcntl_int(fd, F_SETFD, FD_CLOEXEC) < 0 {
                throw ProcessSetupError(field: nil, "marking fd \(fd) close-on-exec", underlying: .last("fcntl(F_SETFD)"))
            }
        }
    }

    /// Checks that every fd in `fds` (the --preserve-fds / LISTEN_FDS range)
    /// really came from the runtime's caller. If the caller left a number in
    /// that range unused, one of the runtime's own descriptors may sit there
    /// (a pidfd, the state dir...) and must not be handed to the container.
    /// The runtime opens everything close-on-exec, while an fd inherited
    /// across the caller's execve of the runtime cannot be.
    public static func verifyInherited(_ fds: [Int32]) throws(ProcessSetupError) {
        for fd in fds {
            let flags = sw_fcntl(fd, F_GETFD)
            if flags < 0 {
                throw ProcessSetupError(field: nil, "fd \(fd) to pass to the container (--preserve-fds/LISTEN_FDS) is not open",
                                        underlying: .last("fcntl(F_GETFD)"))
            }
            if flags & FD_CLOEXEC != 0 {
                throw ProcessSetupError(field: nil, "fd \(fd) to pass to the container (--preserve-fds/LISTEN_FDS) "
                                        + "was not inherited from the runtime's caller")
            }
        }
    }

    /// Marks every fd >= 3 except `keep` close-on-exec (runc's early CloseExecFrom), for
    /// fds accidentally inherited from the caller while setup is still running.
    public static func markCloseOnExecExcept(keep: [Int32]) throws(ProcessSetupError) {
        try sweep(except: keep, cloexecOnly: true)
    }

    /// The gaps between the exempt fds, as inclusive ranges from 3 to the top.
    static func ranges(except: [Int32]) -> [(first: UInt32, last: UInt32)] {
        var out: [(UInt32, UInt32)] = []
        var next: UInt32 = 3
        for fd in Set(except.filter { $0 >= 3 }).sorted() {
            let f = UInt32(fd)
            if f > next { out.append((next, f - 1)) }
            next = f + 1
        }
        out.append((next, UInt32.max))
        return out
    }

    static func sweep(except: [Int32], cloexecOnly: Bool) throws(ProcessSetupError) {
        for (first, last) in ranges(except: except) {
            if sw_close_range(first, last, cloexecOnly ? closeRangeCloexec : 0) == 0 { continue }
            let e = sw_errno()
            guard e == ENOSYS || e == EINVAL else {
                throw ProcessSetupError(field: nil, "closing inherited file descriptors",
                                        underlying: SystemError(errno: e, "close_range"))
            }
            // Kernels before 5.9 (or 5.11 for the CLOEXEC flag): walk the open fds.
            try sweepByListing(first: first, last: last, cloexecOnly: cloexecOnly)
        }
    }

    static func sweepByListing(first: UInt32, last: UInt32, cloexecOnly: Bool) throws(ProcessSetupError) {
        guard let dir = opendir("/proc/self/fd") else {
            throw ProcessSetupError(field: nil, "closing inherited file descriptors", underlying: .last("opendir", "/proc/self/fd"))
        }
        let own = dirfd(dir)
        var fds: [Int32] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if let fd = Int32(name), fd != own, fd >= 0, UInt32(fd) >= first, UInt32(fd) <= last { fds.append(fd) }
        }
        closedir(dir)
        for fd in fds {
            if cloexecOnly { _ = sw_fcntl_int(fd, F_SETFD, FD_CLOEXEC) } else { close(fd) }
        }
    }
}
