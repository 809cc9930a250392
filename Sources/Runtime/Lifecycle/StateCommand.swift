import OCISpec
import StateStore

/// runc's `state` / `list --format json` object: the runtime-spec state plus
/// rootfs, created and owner. pid is 0 once stopped.
public struct RuncState: Codable {
    public var ociVersion: String
    public var id: String
    public var pid: Int32
    public var status: String
    public var bundle: String
    public var rootfs: String
    public var created: String
    public var owner: String
    public var annotations: [String: String]?
}

extension Runtime {
    public func state(id: String) throws -> RuncState {
        let record = try store.load(id)
        return describe(record)
    }

    func describe(_ record: ContainerRecord) -> RuncState {
        let status = store.status(of: record, isFrozen: { CgroupSupport.isFrozen(record) })
        let alive = status != .stopped && status != .creating
        return RuncState(ociVersion: record.ociVersion, id: record.id, pid: alive ? record.initPid : 0,
                         status: status.rawValue, bundle: record.bundle, rootfs: record.rootfs,
                         created: record.created.rfc3339Nano, owner: record.owner,
                         annotations: record.annotations.isEmpty ? nil : record.annotations)
    }

    /// Every container under --root, skipping entries that vanish or are
    /// half-written, as `runc list` does.
    public func list() throws -> [RuncState] {
        try store.list().map(describe)
    }
}
