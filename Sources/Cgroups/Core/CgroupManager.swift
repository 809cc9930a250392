import OCISpec

/// State of the freezer (`runc pause` / `resume`).
public enum FreezerState: String, Sendable {
    case thawed = "THAWED"
    case freezing = "FREEZING"
    case frozen = "FROZEN"
    /// No freezer is available for this cgroup.
    case undefined = ""
}

/// A container's cgroup, whichever the host's layout. The runtime uses
/// only this interface; the drivers alone touch cgroupfs.
///
/// Lifecycle in the runtime (runc's order):
/// - create: `create(resources:)` before the init is forked (or right after,
///   before it execs), `add(pid:)` with the init's pid, `set(_:devices:)`,
///   then store `record`; on any failure `destroy()`.
/// - later commands: `Cgroups.open(record)`, then `update`, `freeze`/`thaw`,
///   `pids`, `stats`, `killAll`, `destroy` as needed.
public protocol CgroupManager: AnyObject {
    /// What to persist in the container state to reopen this manager.
    var record: CgroupRecord { get }
    /// Non-fatal problems met so far (settings the kernel cannot honour);
    /// the runtime prints them as runc prints its warnings.
    var warnings: [String] { get }

    /// Creates the cgroup directories (missing ancestors too) and, on v2,
    /// enables controllers down the path. `resources` lets v1 set what must
    /// precede joining (realtime CPU budget). Idempotent.
    func create(resources: Spec.Linux.Resources?) throws(CgroupError)
    /// Moves `pid` (all its threads) into the cgroup, in every hierarchy.
    func add(pid: Int32) throws(CgroupError)
    /// Applies `resources`: only the fields present are written, so it serves
    /// both create (everything) and update (a partial set). `devices` is the
    /// complete device rule list (see `DevicePolicy.rules`); nil keeps the
    /// current device policy.
    func set(_ resources: Spec.Linux.Resources, devices: [DeviceRule]?) throws(CgroupError)
    func freeze() throws(CgroupError)
    func thaw() throws(CgroupError)
    func freezerState() throws(CgroupError) -> FreezerState
    /// Pids in the cgroup (`cgroup.procs`), optionally in sub-cgroups too.
    func pids(recursive: Bool) throws(CgroupError) -> [Int32]
    /// Sends `signal` to every process of the cgroup and its sub-cgroups
    /// (cgroup.kill on v2 for SIGKILL; else freeze, signal each, thaw so
    /// that nothing forks past us).
    func killAll(signal: Int32) throws(CgroupError)
    func stats() throws(CgroupError) -> CgroupStats
    /// OOM kills so far (memory.events `oom_kill` on v2, memory.oom_control on v1).
    func oomKillCount() throws(CgroupError) -> UInt64
    /// A pollable notifier of OOM events, for `events`.
    func oomWatcher() throws(CgroupError) -> OOMWatcher
    /// Removes the cgroup (sub-cgroups first) and the ancestors this
    /// container created. Missing directories are fine (idempotent).
    func destroy() throws(CgroupError)
    /// Whether the cgroup directory still exists.
    func exists() -> Bool
}

extension CgroupManager {
    /// `runc update`: apply a partial `Resources`; device rules stay as they are.
    public func update(_ resources: Spec.Linux.Resources) throws(CgroupError) {
        try set(resources, devices: nil)
    }

    /// `set` that keeps the current device policy.
    public func set(_ resources: Spec.Linux.Resources) throws(CgroupError) {
        try set(resources, devices: nil)
    }
}
