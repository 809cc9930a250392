import Cgroups
import OCISpec
import StateStore

/// The runtime's only door to the Cgroups module: build a manager for a new
/// container, reopen one from a record, and the few composite steps the
/// lifecycle needs.
enum CgroupSupport {
    static func manager(for spec: Spec, id: String, options: RuntimeOptions) throws -> any CgroupManager {
        do {
            return try Cgroups.manager(cgroupsPath: spec.linux?.cgroupsPath, containerID: id,
                                       rootless: options.rootless, systemdCgroup: options.systemdCgroup)
        } catch {
            throw RuntimeError("\(error)")
        }
    }

    /// Creates the cgroup, moves `pid` in and applies every resource.
    static func setUp(_ cgroup: any CgroupManager, spec: Spec, pid: Int32) throws {
        do {
            let resources = spec.linux?.resources
            try cgroup.create(resources: resources)
            try cgroup.add(pid: pid)
            let devices = try DevicePolicy.rules(resources: resources?.devices)
            try cgroup.set(resources ?? Spec.Linux.Resources(), devices: devices)
            for warning in cgroup.warnings { Log.warning(warning) }
        } catch {
            throw RuntimeError("\(error)")
        }
    }

    static func reopen(_ record: ContainerRecord) throws -> (any CgroupManager)? {
        guard let value = record.cgroup else { return nil }
        do {
            let cgroupRecord = try JSON.decode(CgroupRecord.self, from: value)
            return try Cgroups.open(cgroupRecord)
        } catch {
            throw RuntimeError("cgroup state of \(record.id): \(error)")
        }
    }

    static func isFrozen(_ record: ContainerRecord) -> Bool {
        guard let cgroup = try? reopen(record), let state = try? cgroup.freezerState() else { return record.paused }
        return state == .frozen
    }
}

extension CgroupManager {
    func signalAll(_ signal: Int32) throws {
        do { try killAll(signal: signal) } catch { throw RuntimeError("\(error)") }
    }
}
