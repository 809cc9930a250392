import Cgroups
import OCISpec
import StateStore

extension Runtime {
    /// `pause ID`: freezes every process of a created or running container.
    /// The freezer is the truth for `state`; `record.paused` follows it so
    /// that readers without cgroup access still see "paused".
    public func pause(id: String) throws {
        try transitionFreezer(id: id, freeze: true)
    }

    /// `resume ID`: thaws a paused container.
    public func resume(id: String) throws {
        try transitionFreezer(id: id, freeze: false)
    }

    private func transitionFreezer(id: String, freeze: Bool) throws {
        let lock = try store.lock(id)
        defer { lock.release() }
        var record = try store.load(id)
        let status = store.status(of: record, isFrozen: { CgroupSupport.isFrozen(record) })
        if freeze {
            // runc's wording for both "already paused" and "stopped".
            guard status == .running || status == .created else { throw RuntimeError("container not running") }
        } else {
            guard status == .paused else { throw RuntimeError("container not paused") }
        }
        guard let cgroup = try CgroupSupport.reopen(record) else {
            throw RuntimeError("container \(id) has no cgroup: cannot \(freeze ? "pause" : "resume") it")
        }
        do {
            if freeze { try cgroup.freeze() } else { try cgroup.thaw() }
        } catch {
            throw RuntimeError("\(freeze ? "pause" : "resume") \(id): \(error)")
        }
        record.paused = freeze
        do {
            try store.save(record)
        } catch {
            // Keep the freezer and the record telling the same story.
            if freeze { try? cgroup.thaw() } else { try? cgroup.freeze() }
            throw error
        }
    }
}
