/// Kernel ABI constants spelled out here: glibc exposes some of them only as
/// macros or enums Swift imports inconsistently, and the new mount API has no
/// glibc header at all on Debian 12.
public enum MS {
    public static let rdonly: UInt = 0x1
    public static let nosuid: UInt = 0x2
    public static let nodev: UInt = 0x4
    public static let noexec: UInt = 0x8
    public static let synchronous: UInt = 0x10
    public static let remount: UInt = 0x20
    public static let mandlock: UInt = 0x40
    public static let dirsync: UInt = 0x80
    public static let nosymfollow: UInt = 0x100
    public static let noatime: UInt = 0x400
    public static let nodiratime: UInt = 0x800
    public static let bind: UInt = 0x1000
    public static let move: UInt = 0x2000
    public static let rec: UInt = 0x4000
    public static let silent: UInt = 0x8000
    public static let posixacl: UInt = 0x10000
    public static let unbindable: UInt = 0x20000
    public static let `private`: UInt = 0x40000
    public static let slave: UInt = 0x80000
    public static let shared: UInt = 0x100000
    public static let relatime: UInt = 0x200000
    public static let iversion: UInt = 0x800000
    public static let strictatime: UInt = 0x1000000
    public static let lazytime: UInt = 0x2000000

    /// The mutually exclusive atime modes.
    public static let atimeModes: UInt = noatime | relatime | strictatime
    public static let atimeFlags: UInt = atimeModes | nodiratime
    /// Flags the kernel locks (MNT_LOCK_*) on mounts inherited into a less
    /// privileged user namespace: a bind remount must keep them.
    public static let lockable: UInt = rdonly | nodev | noexec | nosuid | atimeFlags
    public static let propagation: UInt = unbindable | `private` | slave | shared

    /// Symbolic rendering for errors and the recording test double.
    public static func describe(_ flags: UInt) -> String {
        let names: [(UInt, String)] = [
            (rdonly, "MS_RDONLY"), (nosuid, "MS_NOSUID"), (nodev, "MS_NODEV"), (noexec, "MS_NOEXEC"),
            (synchronous, "MS_SYNCHRONOUS"), (remount, "MS_REMOUNT"), (mandlock, "MS_MANDLOCK"),
            (dirsync, "MS_DIRSYNC"), (nosymfollow, "MS_NOSYMFOLLOW"), (noatime, "MS_NOATIME"),
            (nodiratime, "MS_NODIRATIME"), (bind, "MS_BIND"), (move, "MS_MOVE"), (rec, "MS_REC"),
            (silent, "MS_SILENT"), (posixacl, "MS_POSIXACL"), (unbindable, "MS_UNBINDABLE"),
            (`private`, "MS_PRIVATE"), (slave, "MS_SLAVE"), (shared, "MS_SHARED"), (relatime, "MS_RELATIME"),
            (iversion, "MS_I_VERSION"), (strictatime, "MS_STRICTATIME"), (lazytime, "MS_LAZYTIME"),
        ]
        var parts: [String] = []
        var rest = flags
        for (bit, name) in names where flags & bit != 0 {
            parts.append(name)
            rest &= ~bit
        }
        if rest != 0 { parts.append("0x" + String(rest, radix: 16)) }
        return parts.isEmpty ? "0" : parts.joined(separator: "|")
    }
}

/// `MOUNT_ATTR_*` for mount_setattr(2) and fsmount(2).
public enum MountAttr {
    public static let rdonly: UInt64 = 0x1
    public static let nosuid: UInt64 = 0x2
    public static let nodev: UInt64 = 0x4
    public static let noexec: UInt64 = 0x8
    public static let atimeMask: UInt64 = 0x70
    public static let relatime: UInt64 = 0x0
    public static let noatime: UInt64 = 0x10
    public static let strictatime: UInt64 = 0x20
    public static let nodiratime: UInt64 = 0x80
    public static let idmap: UInt64 = 0x100000
    public static let nosymfollow: UInt64 = 0x200000
}

/// `RESOLVE_*` for openat2(2).
public enum Resolve {
    public static let noXdev: UInt64 = 0x01
    public static let noMagiclinks: UInt64 = 0x02
    public static let noSymlinks: UInt64 = 0x04
    public static let beneath: UInt64 = 0x08
    public static let inRoot: UInt64 = 0x10
}

/// Flags of open_tree(2), move_mount(2), fsopen(2)/fsconfig(2)/fsmount(2) and *at(2).
public enum MountAPI {
    public static let openTreeClone: UInt32 = 0x1
    public static let openTreeCloexec: UInt32 = 0x80000  // O_CLOEXEC
    public static let atSymlinkNofollow: UInt32 = 0x100
    public static let atEmptyPath: UInt32 = 0x1000
    public static let atRecursive: UInt32 = 0x8000

    public static let moveMountFEmptyPath: UInt32 = 0x04
    public static let moveMountTEmptyPath: UInt32 = 0x40

    public static let fsopenCloexec: UInt32 = 0x1
    public static let fsmountCloexec: UInt32 = 0x1
    public static let fsconfigSetFlag: UInt32 = 0
    public static let fsconfigSetString: UInt32 = 1
    public static let fsconfigCmdCreate: UInt32 = 6

    public static let mntDetach: Int32 = 2
}

/// statfs(2) `f_type` values we check.
public enum FilesystemMagic {
    public static let proc: Int64 = 0x9fa0
    public static let sysfs: Int64 = 0x62656572
    public static let tmpfs: Int64 = 0x01021994
    public static let cgroup2: Int64 = 0x63677270
    public static let devpts: Int64 = 0x1cd1
}

/// statfs(2) `f_flags` (ST_*) that correspond to mount flags.
enum StatfsFlag {
    static let rdonly: UInt64 = 0x1
    static let nosuid: UInt64 = 0x2
    static let nodev: UInt64 = 0x4
    static let noexec: UInt64 = 0x8
    static let synchronous: UInt64 = 0x10
    static let mandlock: UInt64 = 0x40
    static let noatime: UInt64 = 0x400
    static let nodiratime: UInt64 = 0x800
    static let relatime: UInt64 = 0x1000
    static let nosymfollow: UInt64 = 0x2000

    /// statfs(2) reports per-mount flags with different bit values than mount(2) takes.
    static func mountFlags(_ st: UInt64) -> UInt {
        var flags: UInt = 0
        let table: [(UInt64, UInt)] = [
            (rdonly, MS.rdonly), (nosuid, MS.nosuid), (nodev, MS.nodev), (noexec, MS.noexec),
            (synchronous, MS.synchronous), (mandlock, MS.mandlock), (noatime, MS.noatime),
            (nodiratime, MS.nodiratime), (relatime, MS.relatime), (nosymfollow, MS.nosymfollow),
        ]
        for (st_bit, ms) in table where st & st_bit != 0 { flags |= ms }
        // strictatime is not stored as a flag: it is the absence of the others.
        if flags & MS.atimeModes == 0 { flags |= MS.strictatime }
        return flags
    }
}

/// open(2) flags glibc only exposes under _GNU_SOURCE, invisible to Swift.
public enum OpenFlags {
    public static let path: Int32 = 0o10000000
}
