/// Linux capability names as used in `process.capabilities`, with their numbers
/// (linux/capability.h). Shared by validation and by process setup.
public enum CapabilityName {
    /// Every capability the kernel headers define, in number order (index == number).
    public static let all: [(name: String, number: Int32)] = [
        ("CAP_CHOWN", 0), ("CAP_DAC_OVERRIDE", 1), ("CAP_DAC_READ_SEARCH", 2), ("CAP_FOWNER", 3),
        ("CAP_FSETID", 4), ("CAP_KILL", 5), ("CAP_SETGID", 6), ("CAP_SETUID", 7), ("CAP_SETPCAP", 8),
        ("CAP_LINUX_IMMUTABLE", 9), ("CAP_NET_BIND_SERVICE", 10), ("CAP_NET_BROADCAST", 11),
        ("CAP_NET_ADMIN", 12), ("CAP_NET_RAW", 13), ("CAP_IPC_LOCK", 14), ("CAP_IPC_OWNER", 15),
        ("CAP_SYS_MODULE", 16), ("CAP_SYS_RAWIO", 17), ("CAP_SYS_CHROOT", 18), ("CAP_SYS_PTRACE", 19),
        ("CAP_SYS_PACCT", 20), ("CAP_SYS_ADMIN", 21), ("CAP_SYS_BOOT", 22), ("CAP_SYS_NICE", 23),
        ("CAP_SYS_RESOURCE", 24), ("CAP_SYS_TIME", 25), ("CAP_SYS_TTY_CONFIG", 26), ("CAP_MKNOD", 27),
        ("CAP_LEASE", 28), ("CAP_AUDIT_WRITE", 29), ("CAP_AUDIT_CONTROL", 30), ("CAP_SETFCAP", 31),
        ("CAP_MAC_OVERRIDE", 32), ("CAP_MAC_ADMIN", 33), ("CAP_SYSLOG", 34), ("CAP_WAKE_ALARM", 35),
        ("CAP_BLOCK_SUSPEND", 36), ("CAP_AUDIT_READ", 37), ("CAP_PERFMON", 38), ("CAP_BPF", 39),
        ("CAP_CHECKPOINT_RESTORE", 40),
    ]

    /// The highest capability number swiftlet knows (CAP_LAST_CAP of its headers).
    public static let lastNumber: Int32 = 40

    /// The number of a `CAP_*` name; nil if unknown. Case-sensitive, as runc is.
    public static func number(of name: String) -> Int32? {
        all.first { $0.name == name }?.number
    }

    /// The `CAP_*` name of a number; nil past `lastNumber`.
    public static func name(of number: Int32) -> String? {
        number >= 0 && Int(number) < all.count ? all[Int(number)].name : nil
    }
}
