import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// The container's own session keyring, so it does not share the runtime caller's keys.
///
/// Mirrors runc: the keyring is named `_ses.<container id>` and made searchable
/// by the container's processes. Like runc this is best effort where the kernel
/// (or an outer seccomp profile) refuses keyrings altogether.
public enum Keyring {
    /// `KEY_OTH_SEARCH`: inside a user namespace the container's uids are "other".
    static let otherSearch: UInt32 = 0x0000_0008
    /// `KEY_USR_SEARCH`: without a user namespace the owner is the container's root.
    static let userSearch: UInt32 = 0x0008_0000

    /// The session keyring name runc uses for a container.
    public static func sessionName(containerID: String) -> String {
        "_ses." + containerID
    }

    /// Joins (creating if needed) the session keyring `name` and makes it searchable.
    ///
    /// - Returns: the keyring serial, or nil when keyrings are unavailable
    ///   (ENOSYS, or EACCES/EPERM from a policy that denies keyctl).
    @discardableResult
    public static func joinSession(name: String, inUserNamespace: Bool) throws(ProcessSetupError) -> Int32? {
        let serial = sw_keyctl_join_session(name)
        if serial < 0 {
            let e = sw_errno()
            if e == ENOSYS || e == EACCES || e == EPERM { return nil }
            throw ProcessSetupError(field: nil, "unable to join session keyring \(name)",
                                    underlying: SystemError(errno: e, "keyctl(JOIN_SESSION_KEYRING)", name))
        }
        let key = Int32(truncatingIfNeeded: serial)
        // A keyring we joined but cannot fix the permissions of is worse than
        // none: bail on any error from here on, as runc does.
        let current = try permissions(of: key)
        let wanted = current | (inUserNamespace ? otherSearch : userSearch)
        if sw_keyctl_setperm(key, wanted) < 0 {
            throw ProcessSetupError(field: nil, "unable to set session keyring permissions",
                                    underlying: .last("keyctl(SETPERM)", name))
        }
        return key
    }

    /// Reads the permission mask from KEYCTL_DESCRIBE ("type;uid;gid;perm;description").
    static func permissions(of key: Int32) throws(ProcessSetupError) -> UInt32 {
        var buf = [CChar](repeating: 0, count: 512)
        let n = buf.withUnsafeMutableBufferPointer { sw_keyctl_describe(key, $0.baseAddress, $0.count) }
        if n < 0 {
            throw ProcessSetupError(field: nil, "unable to describe session keyring",
                                    underlying: .last("keyctl(DESCRIBE)"))
        }
        let text = buf.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return try parsePermissions(description: text)
    }

    static func parsePermissions(description text: String) throws(ProcessSetupError) -> UInt32 {
        let fields = text.split(separator: ";", maxSplits: 4, omittingEmptySubsequences: false)
        guard fields.count >= 4, let perm = UInt32(fields[3], radix: 16) else {
            throw ProcessSetupError(field: nil, "unexpected keyring description \"\(text)\"")
        }
        return perm
    }
}
