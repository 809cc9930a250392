/// The closed vocabularies of config-linux.md / config.md with the kernel
/// values they stand for, shared by validation and the setup modules so that
/// both agree on what is known.
public enum LinuxNames {
    /// `process.rlimits[].type` → resource number (asm-generic/resource.h; x86 and arm agree).
    public static let rlimits: [(name: String, resource: Int32)] = [
        ("RLIMIT_CPU", 0), ("RLIMIT_FSIZE", 1), ("RLIMIT_DATA", 2), ("RLIMIT_STACK", 3),
        ("RLIMIT_CORE", 4), ("RLIMIT_RSS", 5), ("RLIMIT_NPROC", 6), ("RLIMIT_NOFILE", 7),
        ("RLIMIT_MEMLOCK", 8), ("RLIMIT_AS", 9), ("RLIMIT_LOCKS", 10), ("RLIMIT_SIGPENDING", 11),
        ("RLIMIT_MSGQUEUE", 12), ("RLIMIT_NICE", 13), ("RLIMIT_RTPRIO", 14), ("RLIMIT_RTTIME", 15),
    ]

    /// `linux.namespaces[].type` → clone flag and the `/proc/<pid>/ns/<file>` name.
    public static let namespaces: [(type: String, cloneFlag: Int32, procFile: String)] = [
        ("mount", 0x0002_0000, "mnt"), ("pid", 0x2000_0000, "pid"), ("network", 0x4000_0000, "net"),
        ("uts", 0x0400_0000, "uts"), ("ipc", 0x0800_0000, "ipc"), ("user", 0x1000_0000, "user"),
        ("cgroup", 0x0200_0000, "cgroup"), ("time", 0x0000_0080, "time"),
    ]

    /// `linux.timeOffsets` keys → clock id (CLOCK_MONOTONIC, CLOCK_BOOTTIME).
    public static let timeOffsetClocks: [(name: String, clock: Int32)] = [("monotonic", 1), ("boottime", 7)]

    /// `linux.rootfsPropagation` → mount flags. The spec lists the first four;
    /// runc also accepts the recursive spellings, so we do too.
    public static let propagations: [(name: String, flags: UInt)] = [
        ("private", 1 << 18), ("shared", 1 << 20), ("slave", 1 << 19), ("unbindable", 1 << 17),
        ("rprivate", 1 << 18 | 1 << 14), ("rshared", 1 << 20 | 1 << 14),
        ("rslave", 1 << 19 | 1 << 14), ("runbindable", 1 << 17 | 1 << 14),
    ]

    /// `process.scheduler.policy` → SCHED_* number.
    public static let schedulerPolicies: [(name: String, policy: Int32)] = [
        ("SCHED_OTHER", 0), ("SCHED_FIFO", 1), ("SCHED_RR", 2), ("SCHED_BATCH", 3),
        ("SCHED_ISO", 4), ("SCHED_IDLE", 5), ("SCHED_DEADLINE", 6),
    ]

    /// `process.scheduler.flags` → sched_attr.sched_flags bits.
    public static let schedulerFlags: [(name: String, bit: UInt64)] = [
        ("SCHED_FLAG_RESET_ON_FORK", 0x01), ("SCHED_FLAG_RECLAIM", 0x02),
        ("SCHED_FLAG_DL_OVERRUN", 0x04), ("SCHED_FLAG_KEEP_POLICY", 0x08),
        ("SCHED_FLAG_KEEP_PARAMS", 0x10), ("SCHED_FLAG_UTIL_CLAMP_MIN", 0x20),
        ("SCHED_FLAG_UTIL_CLAMP_MAX", 0x40),
    ]

    /// `process.ioPriority.class` → IOPRIO_CLASS_* number.
    public static let ioPriorityClasses: [(name: String, ioClass: Int32)] = [
        ("IOPRIO_CLASS_RT", 1), ("IOPRIO_CLASS_BE", 2), ("IOPRIO_CLASS_IDLE", 3),
    ]

    /// `linux.personality.domain` → personality(2) persona.
    public static let personalityDomains: [(name: String, persona: UInt)] = [
        ("LINUX", 0x0000), ("LINUX32", 0x0008),
    ]

    /// `linux.memoryPolicy.mode` → MPOL_* mode number.
    public static let memoryPolicyModes: [(name: String, mode: Int32)] = [
        ("MPOL_DEFAULT", 0), ("MPOL_PREFERRED", 1), ("MPOL_BIND", 2), ("MPOL_INTERLEAVE", 3),
        ("MPOL_LOCAL", 4), ("MPOL_PREFERRED_MANY", 5), ("MPOL_WEIGHTED_INTERLEAVE", 6),
    ]

    /// `linux.memoryPolicy.flags` → mode flag bits ORed into the mode.
    public static let memoryPolicyFlags: [(name: String, bit: Int32)] = [
        ("MPOL_F_NUMA_BALANCING", 1 << 13), ("MPOL_F_RELATIVE_NODES", 1 << 14),
        ("MPOL_F_STATIC_NODES", 1 << 15),
    ]

    /// `linux.devices[].type` values.
    public static let deviceTypes = ["c", "b", "u", "p"]
}

/// The libseccomp vocabulary accepted in `linux.seccomp` (as of libseccomp 2.6).
public enum SeccompNames {
    public static let actions = [
        "SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_TRAP",
        "SCMP_ACT_ERRNO", "SCMP_ACT_TRACE", "SCMP_ACT_ALLOW", "SCMP_ACT_LOG", "SCMP_ACT_NOTIFY",
    ]
    /// Actions that carry an errno (`errnoRet` / `defaultErrnoRet` is only valid with these).
    public static let actionsWithErrno = ["SCMP_ACT_ERRNO", "SCMP_ACT_TRACE"]
    public static let operators = [
        "SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT",
        "SCMP_CMP_MASKED_EQ",
    ]
    public static let architectures = [
        "SCMP_ARCH_X86", "SCMP_ARCH_X86_64", "SCMP_ARCH_X32", "SCMP_ARCH_ARM", "SCMP_ARCH_AARCH64",
        "SCMP_ARCH_LOONGARCH64", "SCMP_ARCH_M68K", "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64",
        "SCMP_ARCH_MIPS64N32", "SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL64N32",
        "SCMP_ARCH_PPC", "SCMP_ARCH_PPC64", "SCMP_ARCH_PPC64LE", "SCMP_ARCH_S390", "SCMP_ARCH_S390X",
        "SCMP_ARCH_SH", "SCMP_ARCH_SHEB", "SCMP_ARCH_PARISC", "SCMP_ARCH_PARISC64", "SCMP_ARCH_RISCV64",
    ]
    public static let flags = [
        "SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
        "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV",
    ]
    /// Syscall arguments are numbered 0...5.
    public static let maxArguments = 6
}
