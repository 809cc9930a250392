import CSeccomp

/// The libseccomp names of `linux.seccomp` mapped to kernel/libseccomp values.
public enum SeccompVocabulary {
    /// The errno for actions that carry one when the config gives none.
    public static let defaultErrno: UInt32 = 1 // EPERM

    /// The SECCOMP_RET_* value of an `SCMP_ACT_*` name. `errnoRet` is only meaningful
    /// for ERRNO and TRACE (validation rejects it elsewhere).
    public static func action(_ name: String, errnoRet: UInt32?) -> UInt32? {
        switch name {
        case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD": return 0x0000_0000
        case "SCMP_ACT_KILL_PROCESS": return 0x8000_0000
        case "SCMP_ACT_TRAP": return 0x0003_0000
        case "SCMP_ACT_ERRNO": return 0x0005_0000 | ((errnoRet ?? defaultErrno) & 0xffff)
        case "SCMP_ACT_TRACE": return 0x7ff0_0000 | ((errnoRet ?? defaultErrno) & 0xffff)
        case "SCMP_ACT_ALLOW": return 0x7fff_0000
        case "SCMP_ACT_LOG": return 0x7ffc_0000
        case "SCMP_ACT_NOTIFY": return 0x7fc0_0000
        default: return nil
        }
    }

    /// Actions that let the syscall run (or hand it to a tracer): runc adds no ENOSYS
    /// stub when the default action is one of these.
    public static func isPermissive(_ name: String) -> Bool {
        name == "SCMP_ACT_ALLOW" || name == "SCMP_ACT_LOG" || name == "SCMP_ACT_TRACE"
    }

    /// `enum scmp_compare` of an `SCMP_CMP_*` name.
    public static func compare(_ name: String) -> UInt32? {
        switch name {
        case "SCMP_CMP_NE": return 1
        case "SCMP_CMP_LT": return 2
        case "SCMP_CMP_LE": return 3
        case "SCMP_CMP_EQ": return 4
        case "SCMP_CMP_GE": return 5
        case "SCMP_CMP_GT": return 6
        case "SCMP_CMP_MASKED_EQ": return 7
        default: return nil
        }
    }

    /// libseccomp's own name (for seccomp_arch_resolve_name) of an `SCMP_ARCH_*` name.
    public static func architectureName(_ name: String) -> String? {
        guard name.hasPrefix("SCMP_ARCH_") else { return nil }
        return architectureNames[String(name.dropFirst("SCMP_ARCH_".count))]
    }

    static let architectureNames = [
        "X86": "x86", "X86_64": "x86_64", "X32": "x32", "ARM": "arm", "AARCH64": "aarch64",
        "MIPS": "mips", "MIPS64": "mips64", "MIPS64N32": "mips64n32", "MIPSEL": "mipsel",
        "MIPSEL64": "mipsel64", "MIPSEL64N32": "mipsel64n32", "PPC": "ppc", "PPC64": "ppc64",
        "PPC64LE": "ppc64le", "S390": "s390", "S390X": "s390x", "PARISC": "parisc",
        "PARISC64": "parisc64", "RISCV64": "riscv64", "LOONGARCH64": "loongarch64",
        "M68K": "m68k", "SH": "sh", "SHEB": "sheb",
    ]

    /// The libseccomp architecture token (AUDIT_ARCH_* except for x32), or nil when
    /// the linked libseccomp does not know the architecture.
    public static func architectureToken(_ name: String) -> UInt32? {
        guard let lib = architectureName(name) else { return nil }
        let token = seccomp_arch_resolve_name(lib)
        return token == 0 ? nil : token
    }

    /// SECCOMP_FILTER_FLAG_* bits.
    public static let flagTSYNC: UInt32 = 1 << 0
    public static let flagLog: UInt32 = 1 << 1
    public static let flagSpecAllow: UInt32 = 1 << 2
    public static let flagNewListener: UInt32 = 1 << 3
    public static let flagTSYNCESRCH: UInt32 = 1 << 4
    public static let flagWaitKillableRecv: UInt32 = 1 << 5

    public static func flag(_ name: String) -> UInt32? {
        switch name {
        case "SECCOMP_FILTER_FLAG_TSYNC": return flagTSYNC
        case "SECCOMP_FILTER_FLAG_LOG": return flagLog
        case "SECCOMP_FILTER_FLAG_SPEC_ALLOW": return flagSpecAllow
        case "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV": return flagWaitKillableRecv
        default: return nil
        }
    }
}
