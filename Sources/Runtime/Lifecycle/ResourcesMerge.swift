import OCISpec

/// How `update` folds a partial `linux.resources` into the stored one.
///
/// runc's cgroup drivers skip zero values ("0 means unset"), so an update's
/// zeros leave both the cgroup and the stored config alone here. Unlike
/// runc 1.1 (which stores the zeros and so forgets earlier limits), the
/// record always describes what the cgroup holds.
extension Spec.Linux.Resources {
    /// The update with runc's zero/empty "unchanged" values removed, and
    /// "memory unlimited" meaning "swap unlimited too" unless swap is given.
    func normalizedForUpdate() -> Spec.Linux.Resources {
        var r = self
        r.devices = nil
        if var m = r.memory {
            m.limit = m.limit.nonZero
            m.reservation = m.reservation.nonZero
            m.swap = m.swap.nonZero
            if m.limit == -1 && m.swap == nil { m.swap = -1 }
            r.memory = m == Memory() ? nil : m
        }
        if var c = r.cpu {
            c.shares = c.shares.nonZero
            c.period = c.period.nonZero
            c.quota = c.quota.nonZero
            c.realtimePeriod = c.realtimePeriod.nonZero
            c.realtimeRuntime = c.realtimeRuntime.nonZero
            c.cpus = c.cpus.nonEmpty
            c.mems = c.mems.nonEmpty
            r.cpu = c == CPU() ? nil : c
        }
        if var b = r.blockIO {
            b.weight = b.weight.nonZero
            b.leafWeight = b.leafWeight.nonZero
            r.blockIO = b == BlockIO() ? nil : b
        }
        if let p = r.pids, p.limit.nonZero == nil { r.pids = nil }
        if r.hugepageLimits?.isEmpty == true { r.hugepageLimits = nil }
        if r.network == Network() { r.network = nil }
        if r.rdma?.isEmpty == true { r.rdma = nil }
        if r.unified?.isEmpty == true { r.unified = nil }
        return r
    }

    /// True when a normalized update changes nothing.
    var isEmptyUpdate: Bool { self == Spec.Linux.Resources() }

    /// These (stored) resources with every field `update` sets replaced.
    func merging(_ update: Spec.Linux.Resources) -> Spec.Linux.Resources {
        var r = self
        if let m = update.memory {
            var cur = r.memory ?? Memory()
            cur.limit = m.limit ?? cur.limit
            cur.reservation = m.reservation ?? cur.reservation
            cur.swap = m.swap ?? cur.swap
            cur.kernel = m.kernel ?? cur.kernel
            cur.kernelTCP = m.kernelTCP ?? cur.kernelTCP
            cur.swappiness = m.swappiness ?? cur.swappiness
            cur.disableOOMKiller = m.disableOOMKiller ?? cur.disableOOMKiller
            cur.useHierarchy = m.useHierarchy ?? cur.useHierarchy
            cur.checkBeforeUpdate = m.checkBeforeUpdate ?? cur.checkBeforeUpdate
            r.memory = cur
        }
        if let c = update.cpu {
            var cur = r.cpu ?? CPU()
            cur.shares = c.shares ?? cur.shares
            cur.quota = c.quota ?? cur.quota
            cur.burst = c.burst ?? cur.burst
            cur.period = c.period ?? cur.period
            cur.realtimeRuntime = c.realtimeRuntime ?? cur.realtimeRuntime
            cur.realtimePeriod = c.realtimePeriod ?? cur.realtimePeriod
            cur.cpus = c.cpus ?? cur.cpus
            cur.mems = c.mems ?? cur.mems
            cur.idle = c.idle ?? cur.idle
            r.cpu = cur
        }
        if let b = update.blockIO {
            var cur = r.blockIO ?? BlockIO()
            cur.weight = b.weight ?? cur.weight
            cur.leafWeight = b.leafWeight ?? cur.leafWeight
            cur.weightDevice = b.weightDevice ?? cur.weightDevice
            cur.throttleReadBpsDevice = b.throttleReadBpsDevice ?? cur.throttleReadBpsDevice
            cur.throttleWriteBpsDevice = b.throttleWriteBpsDevice ?? cur.throttleWriteBpsDevice
            cur.throttleReadIOPSDevice = b.throttleReadIOPSDevice ?? cur.throttleReadIOPSDevice
            cur.throttleWriteIOPSDevice = b.throttleWriteIOPSDevice ?? cur.throttleWriteIOPSDevice
            r.blockIO = cur
        }
        if let p = update.pids { r.pids = p }
        if let limits = update.hugepageLimits {
            var cur = r.hugepageLimits ?? []
            for l in limits {
                if let i = cur.firstIndex(where: { $0.pageSize == l.pageSize }) { cur[i] = l } else { cur.append(l) }
            }
            r.hugepageLimits = cur
        }
        if let n = update.network {
            var cur = r.network ?? Network()
            cur.classID = n.classID ?? cur.classID
            cur.priorities = n.priorities ?? cur.priorities
            r.network = cur
        }
        if let rdma = update.rdma { r.rdma = (r.rdma ?? [:]).merging(rdma) { _, new in new } }
        if let unified = update.unified { r.unified = (r.unified ?? [:]).merging(unified) { _, new in new } }
        return r
    }

    /// What to write for `update` once merged into `merged`: only the
    /// sections the update touches, but with the fields that depend on each
    /// other taken from the merged whole (v2's memory.swap.max is derived
    /// from limit and swap, v1 orders the limit and memsw writes by both,
    /// cpu.max holds quota and period, burst is checked against quota), as
    /// runc hands its drivers the whole merged config.
    static func toApply(update: Spec.Linux.Resources, merged: Spec.Linux.Resources) -> Spec.Linux.Resources {
        var r = update
        if let m = update.memory, let all = merged.memory {
            r.memory = Memory(limit: all.limit, reservation: m.reservation, swap: all.swap, kernel: m.kernel,
                              kernelTCP: m.kernelTCP, swappiness: m.swappiness, disableOOMKiller: m.disableOOMKiller,
                              useHierarchy: m.useHierarchy, checkBeforeUpdate: m.checkBeforeUpdate)
        }
        if let c = update.cpu, let all = merged.cpu {
            var cpu = c
            cpu.quota = all.quota
            cpu.period = all.period
            cpu.burst = c.burst ?? (c.quota != nil ? all.burst : nil)
            r.cpu = cpu
        }
        return r
    }
}

extension Optional where Wrapped: BinaryInteger {
    var nonZero: Wrapped? {
        if let v = self, v != 0 { return v }
        return nil
    }
}
