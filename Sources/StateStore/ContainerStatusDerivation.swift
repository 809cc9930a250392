import OCISpec

extension ContainerStatus {
    /// runc's status rules over a record:
    /// - `creating` while the record says so and the init (if spawned yet) is alive;
    /// - `stopped` when the init is gone, a zombie, or its pid now belongs to another process;
    /// - `paused` when frozen (asked lazily: reading the freezer costs syscalls);
    /// - `created` while the exec fifo exists (the init blocks on it), `running` after.
    ///
    /// Unlike runc, liveness is checked before the freezer: an init that died inside a frozen
    /// cgroup is reported stopped, which is what `delete` needs to hear.
    public static func derive(record: ContainerRecord, probe: any ProcessInspecting,
                              execFifoExists: () -> Bool, isFrozen: () -> Bool) -> ContainerStatus {
        if record.creating && record.initPid <= 0 { return .creating }
        guard probe.isAlive(pid: record.initPid, startTime: record.initStartTime) else { return .stopped }
        if record.creating { return .creating }
        if isFrozen() { return .paused }
        return execFifoExists() ? .created : .running
    }
}

extension StateStore {
    /// The current status of `record`. `isFrozen` defaults to the record's `paused` hint; pass
    /// the cgroup freezer's answer when it is available.
    public func status(of record: ContainerRecord, probe: any ProcessInspecting = ProcessProbe(),
                       isFrozen: (() -> Bool)? = nil) -> ContainerStatus {
        ContainerStatus.derive(record: record, probe: probe,
                               execFifoExists: { execFifoExists(record.id) },
                               isFrozen: isFrozen ?? { record.paused })
    }
}
