import CShims
import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// `process.user`: switches groups, gid and uid of the calling process, keeping the
/// permitted capabilities across the uid change so `Capabilities.apply` can install
/// the configured sets afterwards.
///
/// Uses raw setres*id syscalls (the process is single threaded, glibc's all-thread
/// broadcast is pointless). Changing ids clears the parent-death signal: re-arm
/// PR_SET_PDEATHSIG afterwards if you rely on it.
public enum UserSwitch {
    static let prSetKeepCaps: Int32 = 8

    /// Whether setgroups(2) is allowed in this user namespace (`/proc/self/setgroups`
    /// says "deny" in user namespaces mapped without it).
    public static func setgroupsAllowed(_ contents: String?) -> Bool {
        guard let contents else { return true }
        return contents.filter { !$0.isWhitespace } != "deny"
    }

    /// (uid_t)-1 and (gid_t)-1 tell setres*id(2) and fchown(2) to leave the
    /// id unchanged: a process asked to run as 4294967295 would silently stay
    /// root (crun CVE-2026-30892 class). It is never a valid id.
    public static let unchangedID = UInt32.max

    public static func apply(_ user: Spec.Process.User) throws(ProcessSetupError) {
        for (field, id) in [("process.user.uid", user.uid), ("process.user.gid", user.gid)] where id == unchangedID {
            throw ProcessSetupError(field: field, "\(id) is not a valid id (the kernel reads it as \"unchanged\")")
        }
        try keepCaps(true)
        try fixStdioOwnership(uid: user.uid)

        let setgroups = try? FileIO.readString("/proc/self/setgroups")
        if setgroupsAllowed(setgroups) {
            // Always called, even with no additionalGids: it also drops the
            // supplementary groups inherited from the runtime's caller.
            let gids = user.additionalGids ?? []
            let r = gids.withUnsafeBufferPointer { sw_setgroups($0.count, $0.baseAddress) }
            if r < 0 {
                let e = sw_errno()
                throw ProcessSetupError(field: "process.user.additionalGids",
                                        e == EINVAL ? "a group is not mapped in the user namespace" : "",
                                        underlying: SystemError(errno: e, "setgroups", "\(gids)"))
            }
        }
        if sw_setresgid(user.gid, user.gid, user.gid) < 0 {
            let e = sw_errno()
            throw ProcessSetupError(field: "process.user.gid",
                                    e == EINVAL ? "cannot setgid to unmapped gid \(user.gid) in user namespace" : "",
                                    underlying: SystemError(errno: e, "setresgid", String(user.gid)))
        }
        if sw_setresuid(user.uid, user.uid, user.uid) < 0 {
            let e = sw_errno()
            throw ProcessSetupError(field: "process.user.uid",
                                    e == EINVAL ? "cannot setuid to unmapped uid \(user.uid) in user namespace" : "",
                                    underlying: SystemError(errno: e, "setresuid", String(user.uid)))
        }
        try keepCaps(false)
    }

    static func keepCaps(_ on: Bool) throws(ProcessSetupError) {
        if sw_prctl(prSetKeepCaps, on ? 1 : 0, 0, 0, 0) < 0 {
            throw ProcessSetupError(field: nil, "", underlying: .last("prctl(PR_SET_KEEPCAPS)", on ? "1" : "0"))
        }
    }

    /// Gives the container user its stdio (a console created for it, or pipes), as runc
    /// does: uid only, never /dev/null, and tolerating fds whose owner is unmapped
    /// (EINVAL/EPERM) or on a read-only /dev (EROFS).
    public static func fixStdioOwnership(uid: UInt32) throws(ProcessSetupError) {
        for fd: Int32 in 0...2 {
            var st = stat()
            if fstat(fd, &st) < 0 {
                let e = sw_errno()
                if e == EBADF { continue }
                throw ProcessSetupError(field: nil, "inspecting stdio", underlying: SystemError(errno: e, "fstat", "fd \(fd)"))
            }
            if st.st_uid == uid || isDevNull(st) { continue }
            if fchown(fd, uid, st.st_gid) < 0 {
                let e = sw_errno()
                if e == EINVAL || e == EPERM || e == EROFS { continue }
                throw ProcessSetupError(field: "process.user.uid", "giving stdio to the container user",
                                        underlying: SystemError(errno: e, "fchown", "fd \(fd)"))
            }
        }
    }

    static func isDevNull(_ st: stat) -> Bool {
        // /dev/null is char device 1:3 (new_encode_dev keeps small numbers in the low bits).
        (st.st_mode & S_IFMT) == S_IFCHR && st.st_rdev == 0x103
    }
}
