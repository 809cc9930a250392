import CShims
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// Kernel operations besides file access, behind a seam so that drivers
/// can be unit-tested: device-program installation, signals, sleeping.
public protocol CgroupKernel: AnyObject {
    /// Loads `program` as a cgroup device program and attaches it to the
    /// cgroup `directory`, detaching the device programs attached there
    /// before (the new one is attached first, so there is no unfiltered gap).
    func installDeviceProgram(_ program: [BPFInstruction], license: String, cgroup directory: String) throws(SystemError)
    func signal(_ pid: Int32, _ signal: Int32) throws(SystemError)
    func sleep(microseconds: UInt32)
    /// USER_HZ, the unit of cpuacct.stat.
    var clockTicksPerSecond: UInt64 { get }
}

/// `CgroupKernel` over the real system calls.
public final class HostCgroupKernel: CgroupKernel {
    static let progTypeCgroupDevice: UInt32 = 15  // BPF_PROG_TYPE_CGROUP_DEVICE
    static let attachCgroupDevice: UInt32 = 6     // BPF_CGROUP_DEVICE
    static let allowMulti: UInt32 = 2             // BPF_F_ALLOW_MULTI

    public init() {}

    public func installDeviceProgram(_ program: [BPFInstruction], license: String, cgroup directory: String) throws(SystemError) {
        let dirfd = try sys("open", directory) { open(directory, O_DIRECTORY | O_RDONLY | O_CLOEXEC) }
        defer { close(dirfd) }

        let old = try deviceProgramIDs(cgroup: directory)

        let bytes = program.flatMap(\.bytes)
        let progfd = try sys("bpf(BPF_PROG_LOAD)", directory) {
            bytes.withUnsafeBytes { insns in
                license.withCString { sw_bpf_prog_load(Self.progTypeCgroupDevice, insns.baseAddress, UInt32(program.count), $0, nil, 0) }
            }
        }
        defer { close(progfd) }
        try sys("bpf(BPF_PROG_ATTACH)", directory) {
            sw_bpf_prog_attach(dirfd, progfd, Self.attachCgroupDevice, Self.allowMulti)
        }
        for id in old {
            let fd = try sys("bpf(BPF_PROG_GET_FD_BY_ID)", directory) { sw_bpf_prog_get_fd_by_id(id) }
            defer { close(fd) }
            try sys("bpf(BPF_PROG_DETACH)", directory) { sw_bpf_prog_detach(dirfd, fd, Self.attachCgroupDevice) }
        }
    }

    /// Ids of the device programs attached directly to `directory`.
    public func deviceProgramIDs(cgroup directory: String) throws(SystemError) -> [UInt32] {
        let dirfd = try sys("open", directory) { open(directory, O_DIRECTORY | O_RDONLY | O_CLOEXEC) }
        defer { close(dirfd) }
        var ids = [UInt32](repeating: 0, count: 64)
        var count = UInt32(ids.count)
        try sys("bpf(BPF_PROG_QUERY)", directory) {
            ids.withUnsafeMutableBufferPointer { sw_bpf_prog_query(dirfd, Self.attachCgroupDevice, $0.baseAddress, &count) }
        }
        return Array(ids.prefix(Int(min(count, UInt32(ids.count)))))
    }

    public func signal(_ pid: Int32, _ signal: Int32) throws(SystemError) {
        try sys("kill", String(pid)) { kill(pid, signal) }
    }

    public func sleep(microseconds: UInt32) {
        var ts = timespec(tv_sec: Int(microseconds / 1_000_000), tv_nsec: Int(microseconds % 1_000_000) * 1000)
        var rest = timespec()
        while nanosleep(&ts, &rest) != 0 && sw_errno() == EINTR { ts = rest }
    }

    public var clockTicksPerSecond: UInt64 {
        let v = sysconf(Int32(_SC_CLK_TCK))
        return v > 0 ? UInt64(v) : 100
    }
}
