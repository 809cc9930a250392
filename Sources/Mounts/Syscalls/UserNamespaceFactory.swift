import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Builds a user namespace carrying given uid/gid maps and returns an fd to it,
/// for MOUNT_ATTR_IDMAP. A user namespace only gets maps through a process
/// living in it, so a short-lived child is born inside it (clone3
/// CLONE_NEWUSER), we write its maps, keep its ns fd, and let it exit.
enum UserNamespaceFactory {
    static let cloneNewUser: UInt64 = 0x10000000

    static func make(uidMap: String, gidMap: String) throws(SystemError) -> Int32 {
        var pipeFDs: [Int32] = [-1, -1]
        try sys("pipe2") { sw_pipe2(&pipeFDs, O_CLOEXEC) }
        let (readEnd, writeEnd) = (pipeFDs[0], pipeFDs[1])

        var pidfd: Int32 = -1
        let pid = sw_clone3(cloneNewUser, -1, &pidfd)
        if pid == 0 {
            // Child: only async-signal-safe calls. Wait until the parent closes
            // its end (done, or parent died), then vanish.
            _ = sw_prctl(1 /* PR_SET_PDEATHSIG */, UInt(SIGKILL), 0, 0, 0)
            Glibc.close(writeEnd)
            var byte: UInt8 = 0
            while Glibc.read(readEnd, &byte, 1) < 0 && sw_errno() == EINTR {}
            _exit(0)
        }
        let cloneErrno = sw_errno()
        Glibc.close(readEnd)
        defer {
            Glibc.close(writeEnd)
            if pid > 0 {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && sw_errno() == EINTR {}
            }
            if pidfd >= 0 { Glibc.close(pidfd) }
        }
        guard pid > 0 else { throw SystemError(errno: cloneErrno, "clone3", "user namespace for idmapped mount") }

        // The pid clone3 returned is in our pid namespace; /proc may belong to
        // an ancestor one (we may already be a container's pid 1). The pidfd's
        // fdinfo reports the pid as seen by this very procfs.
        let procPid = try pidInProcfs(pidfd: pidfd)
        try FileIO.write("/proc/\(procPid)/uid_map", uidMap)
        try FileIO.write("/proc/\(procPid)/gid_map", gidMap)
        return try sys("open", "/proc/\(procPid)/ns/user") {
            Glibc.open("/proc/\(procPid)/ns/user", O_RDONLY | O_CLOEXEC)
        }
    }

    private static func pidInProcfs(pidfd: Int32) throws(SystemError) -> Int32 {
        let info = try FileIO.readString("/proc/self/fdinfo/\(pidfd)")
        for line in info.split(separator: "\n") where line.hasPrefix("Pid:") {
            let value = line.dropFirst(4).trimmingPrefix(while: { $0 == " " || $0 == "\t" })
            if let pid = Int32(value), pid > 0 { return pid }
        }
        throw SystemError(errno: ESRCH, "pidfd fdinfo", "user namespace helper")
    }
}
