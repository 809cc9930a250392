/// runc's -ENOSYS stub, prepended to the libseccomp program.
///
/// With a deny-by-default profile, a syscall newer than the profile (clone3,
/// openat2...) would get the default errno (EPERM), and libc treats EPERM as a
/// real failure instead of falling back to the older syscall. The stub returns
/// ENOSYS instead for every syscall number above the largest one the profile
/// names (per architecture), which is what a kernel without the syscall says.
/// Same layout and limits as runc's patchbpf (including its x32 and s390
/// special cases), so profiles behave identically.
public enum ENOSYSStub {
    /// How syscall numbers of one architecture entry are told apart.
    public enum Mode: Equatable, Sendable {
        case plain
        /// s390/s390x: unknown syscalls are multiplexed through number 0 (setup).
        case s390
        /// x86_64 and x32 share AUDIT_ARCH_X86_64; x32 numbers have bit 30 set.
        case amd64
        case x32
    }

    /// The largest syscall number the profile uses, for one audit architecture.
    public struct Section: Equatable, Sendable {
        public var auditArch: UInt32
        public var entries: [Entry]

        public struct Entry: Equatable, Sendable {
            public var mode: Mode
            public var lastSyscall: UInt32
            public init(mode: Mode, lastSyscall: UInt32) {
                self.mode = mode
                self.lastSyscall = lastSyscall
            }
        }

        public init(auditArch: UInt32, entries: [Entry]) {
            self.auditArch = auditArch
            self.entries = entries
        }
    }

    public static let auditArchX86_64: UInt32 = 0xC000_003E
    static let x32SyscallBit: UInt32 = 1 << 30
    /// SCMP_ACT_ERRNO(ENOSYS).
    public static let retENOSYS: UInt32 = 0x0005_0000 | 38

    /// The stub; empty when there is nothing to protect. Execution falls through to
    /// the instruction after the stub (the libseccomp program) unless it returns ENOSYS.
    public static func generate(_ sections: [Section]) throws(SeccompError) -> [BPFInstruction] {
        typealias I = BPFInstruction
        // Built back to front, because jumps are relative to the end of the program.
        var tail: [I] = [.jump(1), .ret(retENOSYS)]
        var starts: [(arch: UInt32, fromEnd: Int)] = []

        for section in sections where !section.entries.isEmpty {
            let toENOSYS = UInt32(tail.count - 1)   // skip from the section's last instruction
            let toFilter = toENOSYS + 1
            var code: [I] = [.load(I.offsetNr)]
            switch section.entries.count {
            case 1:
                let entry = section.entries[0]
                if entry.mode == .s390 {
                    // jne 0,1 ; ret ENOSYS
                    code += [.jeq(0, 0, 1), .ret(retENOSYS)]
                }
                var check: [I]
                if toENOSYS + 1 <= 255 {
                    check = [.jgt(entry.lastSyscall, UInt8(toENOSYS + 1), 0), .jump(toFilter)]
                } else {
                    check = [.jgt(entry.lastSyscall, 0, 1), .ret(retENOSYS), .jump(toFilter)]
                }
                if section.auditArch == auditArchX86_64 {
                    // Syscalls of the other ABI go straight to the filter.
                    let over = UInt8(check.count - 1)
                    switch entry.mode {
                    case .amd64: check.insert(.jset(x32SyscallBit, over, 0), at: 0)
                    case .x32: check.insert(.jset(x32SyscallBit, 0, over), at: 0)
                    default:
                        throw SeccompError(field: "linux.seccomp.architectures", "unknown x86_64 ABI in ENOSYS stub")
                    }
                }
                code += check
            case 2:
                guard section.auditArch == auditArchX86_64,
                      let amd64 = section.entries.first(where: { $0.mode == .amd64 })?.lastSyscall,
                      let x32 = section.entries.first(where: { $0.mode == .x32 })?.lastSyscall
                else {
                    throw SeccompError(field: "linux.seccomp.architectures",
                                       "unknown architecture overlap on audit arch 0x\(String(section.auditArch, radix: 16))")
                }
                if toENOSYS + 2 <= 255 {
                    code += [.jset(x32SyscallBit, 1, 0),
                             .jgt(amd64, UInt8(toENOSYS + 2), 1),
                             .jgt(x32, UInt8(toENOSYS + 1), 0),
                             .jump(toFilter)]
                } else {
                    code += [.jset(x32SyscallBit, 1, 0),
                             .jgt(amd64, 1, 2),
                             .jgt(x32, 0, 1),
                             .ret(retENOSYS),
                             .jump(toFilter)]
                }
            default:
                throw SeccompError(field: "linux.seccomp.architectures",
                                   "invalid number of architecture overlaps: \(section.entries.count)")
            }
            tail = code + tail
            starts.append((section.auditArch, tail.count))
        }
        if starts.isEmpty { return [] }

        // Architectures without a section skip the whole stub.
        tail = [.jump(UInt32(tail.count))] + tail
        // Prepended in reverse so the first section's arch is tested first.
        for (arch, fromEnd) in starts.reversed() {
            let jump = UInt32(tail.count - fromEnd)
            if jump <= 255 {
                tail = [.jeq(arch, UInt8(jump), 0)] + tail
            } else {
                tail = [.jeq(arch, 0, 1), .jump(jump)] + tail
            }
        }
        return [.load(I.offsetArch)] + tail
    }
}
