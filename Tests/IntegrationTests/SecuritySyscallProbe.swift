import Foundation

/// Tiny static x86-64 programs, written into a bundle's rootfs, that make
/// exactly one system call with fixed arguments and exit with its errno (0 on
/// success). They need no libc, so a deny-by-default seccomp profile only has
/// to allow execve and exit_group, and what a filter did to one syscall is
/// read straight from the exit status (a kill shows as 128 + SIGSYS = 159).
enum SyscallProbe {
    /// x86-64 syscall numbers used by the tests.
    enum NR {
        static let mincore = 27, getitimer = 36, fdatasync = 75, getrusage = 98, sysinfo = 99, times = 100
        static let getppid = 110, getpgrp = 111, umask = 95, getpriority = 140, sched_getparam = 143
        static let sched_getscheduler = 145, sched_get_priority_max = 146, sched_get_priority_min = 147
        static let sched_rr_get_interval = 148, mount = 165, setns = 308, getcpu = 309
        static let keyctl = 250, add_key = 248, unshare = 272, kexec_load = 246, ptrace = 101, chroot = 161
        static let personality = 135
    }

    static let base: UInt64 = 0x40_0000
    static let headerSize = 64 + 56
    static let memSize: UInt64 = 0x4000
    /// Exit status of the main thread of `threaded` once its helper thread is gone.
    static let threadedExit: Int32 = 7

    /// `syscall(nr, args...)`, then exit_group(errno or 0).
    static func single(_ nr: Int, _ args: [UInt64] = []) -> [UInt8] {
        elf(code: call(nr, args) + exitWithErrno())
    }

    /// A helper thread makes the call (and exits); the main thread sleeps
    /// 300 ms and exits with `threadedExit`. Tells SCMP_ACT_KILL_THREAD
    /// (main survives) from SCMP_ACT_KILL_PROCESS (everything dies).
    static func threaded(_ nr: Int, _ args: [UInt64] = []) -> [UInt8] {
        let stackTop = base + memSize - 16
        var code: [UInt8] = []
        code += [0xB8] + le32(56)                                  // mov eax, SYS_clone
        code += [0xBF] + le32(0x0005_0F00)                         // VM|FS|FILES|SIGHAND|THREAD|SYSVSEM
        code += [0x48, 0xBE] + le64(stackTop)                      // mov rsi, stack
        code += [0x31, 0xD2, 0x45, 0x31, 0xD2, 0x45, 0x31, 0xC0]   // xor edx, r10d, r8d
        code += [0x0F, 0x05]                                       // syscall
        code += [0x48, 0x85, 0xC0]                                 // test rax, rax
        let child = call(nr, args) + [0xB8] + le32(60) + [0x31, 0xFF, 0x0F, 0x05]  // exit(0): this thread only
        code += [0x75, UInt8(child.count)]                         // jnz parent
        code += child
        code += [0x68] + le32(300_000_000) + [0x6A, 0x00]          // push timespec {0, 300 ms}
        code += [0x48, 0x89, 0xE7, 0x31, 0xF6]                     // mov rdi, rsp; xor esi, esi
        code += [0xB8] + le32(35) + [0x0F, 0x05]                   // nanosleep
        code += [0xBF] + le32(UInt32(threadedExit))                // mov edi, 7
        code += [0xB8] + le32(231) + [0x0F, 0x05]                  // exit_group
        return elf(code: code)
    }

    /// Writes `program` as an executable at `path` (host path inside a rootfs).
    static func install(_ program: [UInt8], at path: String) throws {
        try Data(program).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o755)
    }

    private static func call(_ nr: Int, _ args: [UInt64]) -> [UInt8] {
        let a = args + Array(repeating: 0, count: max(0, 6 - args.count))
        var code: [UInt8] = [0x48, 0xB8] + le64(UInt64(nr))       // mov rax, nr
        let regs: [[UInt8]] = [[0x48, 0xBF], [0x48, 0xBE], [0x48, 0xBA], [0x49, 0xBA], [0x49, 0xB8], [0x49, 0xB9]]
        for (reg, value) in zip(regs, a) { code += reg + le64(value) }  // rdi rsi rdx r10 r8 r9
        return code + [0x0F, 0x05]                                 // syscall
    }

    private static func exitWithErrno() -> [UInt8] {
        [0x31, 0xFF,                       // xor edi, edi
         0x48, 0x85, 0xC0,                 // test rax, rax
         0x79, 0x06,                       // jns +6
         0x48, 0xF7, 0xD8,                 // neg rax
         0x48, 0x89, 0xC7]                 // mov rdi, rax
            + [0xB8] + le32(231) + [0x0F, 0x05]  // exit_group(rdi)
    }

    private static func elf(code: [UInt8]) -> [UInt8] {
        let total = UInt64(headerSize + code.count)
        var h: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + Array(repeating: 0, count: 8)
        h += le16(2) + le16(62) + le32(1)                           // ET_EXEC, x86-64, version
        h += le64(base + UInt64(headerSize)) + le64(64) + le64(0)   // entry, phoff, shoff
        h += le32(0) + le16(64) + le16(56) + le16(1) + le16(0) + le16(0) + le16(0)
        h += le32(1) + le32(7) + le64(0) + le64(base) + le64(base)  // PT_LOAD, RWX, offset, vaddr, paddr
        h += le64(total) + le64(max(total, memSize)) + le64(0x1000) // filesz, memsz (stack), align
        return h + code
    }

    private static func le16(_ v: UInt16) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
    private static func le32(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
    private static func le64(_ v: UInt64) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
}

extension Sandbox {
    /// Installs probes as /bin/p-<name> in the rootfs.
    func installProbes(_ probes: [String: [UInt8]]) throws {
        for (name, program) in probes {
            try SyscallProbe.install(program, at: bundle + "/rootfs/bin/p-" + name)
        }
    }

    /// A shell line running each probe and printing `name=status`, one per line.
    static func probeScript(_ names: [String]) -> String {
        names.map { "/bin/p-\($0); echo \($0)=$?" }.joined(separator: "; ")
    }

    /// `name=status` lines of `output` as a dictionary.
    static func probeResults(_ output: String) -> [String: Int] {
        var out: [String: Int] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let v = Int(parts[1]) { out[String(parts[0])] = v }
        }
        return out
    }

    /// linux.seccomp, from a dictionary.
    func setSeccomp(_ seccomp: [String: Any]) {
        set("linux.seccomp", seccomp)
    }
}
