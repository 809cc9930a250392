import OCISpec

extension CgroupV1Manager {
    func setHugepages(_ dir: String, _ limits: [Spec.Linux.Resources.HugepageLimit]) throws(CgroupError) {
        let sizes = StatParse.hugePageSizes(fs: fs)
        for (i, l) in limits.enumerated() {
            let field = "linux.resources.hugepageLimits[\(i)]"
            try HugepageSizes.check(l.pageSize, available: sizes, field: field + ".pageSize")
            let prefix = "hugetlb.\(l.pageSize)."
            try write(dir, prefix + "limit_in_bytes", String(l.limit), field: field + ".limit")
            // Reservation accounting (Linux 5.7+) catches overcommit at mmap time.
            if has(dir, prefix + "rsvd.limit_in_bytes") {
                try write(dir, prefix + "rsvd.limit_in_bytes", String(l.limit), field: field + ".limit")
            }
        }
    }

    func setNetwork(_ n: Spec.Linux.Resources.Network) throws(CgroupError) {
        let f = "linux.resources.network"
        if let id = n.classID {
            try write(try require("net_cls", for: f + ".classID"), "net_cls.classid", String(id), field: f + ".classID")
        }
        if let priorities = n.priorities, !priorities.isEmpty {
            let dir = try require("net_prio", for: f + ".priorities")
            for (i, p) in priorities.enumerated() {
                try write(dir, "net_prio.ifpriomap", "\(p.name) \(p.priority)", field: "\(f).priorities[\(i)]")
            }
        }
    }
}

enum HugepageSizes {
    static func check(_ size: String, available: [String], field: String) throws(CgroupError) {
        guard available.contains(size) else {
            let have = available.isEmpty ? "none" : available.joined(separator: ", ")
            throw .invalid(field, "\"\(size)\" is not a huge page size of this host (available: \(have))")
        }
    }
}

/// rdma.max is the same file on v1 and v2: `<device> hca_handle=N hca_object=M`.
enum RdmaLimits {
    static func apply(_ limits: [String: Spec.Linux.Resources.Rdma], dir: String, driver: CgroupDriverBase) throws(CgroupError) {
        for device in limits.keys.sorted() {
            let l = limits[device]!
            let field = "linux.resources.rdma[\"\(device)\"]"
            guard l.hcaHandles != nil || l.hcaObjects != nil else {
                throw .invalid(field, "at least one of hcaHandles and hcaObjects is required")
            }
            var line = device
            if let h = l.hcaHandles { line += " hca_handle=\(h)" }
            if let o = l.hcaObjects { line += " hca_object=\(o)" }
            try driver.write(dir, "rdma.max", line, field: field)
        }
    }
}
