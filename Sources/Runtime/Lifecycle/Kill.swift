import CShims
import StateStore
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

extension Runtime {
    /// `kill [--all] ID [SIGNAL]`.
    public func kill(id: String, signal: Int32, all: Bool) throws {
        let record = try store.load(id)
        let status = store.status(of: record, isFrozen: { CgroupSupport.isFrozen(record) })
        if all {
            // runc allows --all on a stopped container whose cgroup still has processes.
            guard let cgroup = try CgroupSupport.reopen(record) else {
                if status == .stopped { throw RuntimeError("container not running") }
                return try signalInit(record, signal)
            }
            try cgroup.signalAll(signal)
            return
        }
        guard status != .stopped else { throw RuntimeError("container not running") }
        try signalInit(record, signal)
    }

    func signalInit(_ record: ContainerRecord, _ signal: Int32) throws {
        let pidfd = try InitProcess.open(record)
        defer { close(pidfd) }
        if sw_pidfd_send_signal(pidfd, signal, 0) != 0 {
            let e = SystemError.last("kill", "container init")
            if e.errno == ESRCH { throw RuntimeError("container not running") }
            throw RuntimeError(e.description)
        }
    }
}
