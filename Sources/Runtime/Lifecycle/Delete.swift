import CShims
import OCISpec
import StateStore
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

extension Runtime {
    /// `delete [--force] ID`. A created container is deleted without --force
    /// (its init never ran user code), as runc does.
    public func delete(id: String, force: Bool) throws {
        let lock: ContainerLock
        let record: ContainerRecord
        do {
            try ContainerID.validate(id)
            lock = try store.lock(id)
            record = try store.load(id)
        } catch {
            // runc: `delete --force` of a missing container succeeds.
            if force, !store.exists(id) { return }
            throw error
        }
        defer { lock.release() }
        let status = store.status(of: record, isFrozen: { CgroupSupport.isFrozen(record) })
        switch status {
        case .stopped:
            break
        case .created, .creating:
            try killAndWait(record)
        case .running, .paused:
            guard force else {
                throw RuntimeError("cannot delete container \(id) that is not stopped: \(status.rawValue)")
            }
            try killAndWait(record)
        }
        try destroy(record)
    }

    /// SIGKILL the init (and, without a pid namespace of its own, everything
    /// in its cgroup) and wait until it is gone.
    func killAndWait(_ record: ContainerRecord) throws {
        let cgroup = try CgroupSupport.reopen(record)
        if let cgroup {
            try? cgroup.thaw()
            try? cgroup.signalAll(SIGKILL)
        }
        let pidfd = sw_pidfd_open(record.initPid, 0)
        if pidfd >= 0 {
            if ProcessProbe.isAlive(pid: record.initPid, startTime: record.initStartTime) {
                _ = sw_pidfd_send_signal(pidfd, SIGKILL, 0)
                _ = InitProcess.waitForExit(pidfd: pidfd, timeoutMillis: 10_000)
            }
            close(pidfd)
        }
    }

    /// Removes everything the container owns: cgroup, state, then poststop hooks.
    func destroy(_ record: ContainerRecord) throws {
        if let cgroup = try CgroupSupport.reopen(record) {
            try cgroup.destroy()
        }
        HookRunner.runAllWarning(record.config?.hooks?.poststop, kind: "poststop", state: record.state(status: .stopped))
        try store.remove(record.id)
    }
}
