extension Spec.Linux.Resources {
    func validate() throws(SpecError) {
        let base = "linux.resources"
        for (i, rule) in (devices ?? []).enumerated() {
            let path = "\(base).devices[\(i)]"
            if let type = rule.type {
                try requireKnown(type, in: ["a", "c", "b"], path: "\(path).type", what: "device rule type")
            }
            if let access = rule.access, !access.utf8.allSatisfy({ $0 == UInt8(ascii: "r") || $0 == UInt8(ascii: "w") || $0 == UInt8(ascii: "m") }) {
                throw SpecError("\(path).access", "\(quoted(access)) must consist of the letters r, w and m")
            }
            if let major = rule.major, major < -1 { throw SpecError("\(path).major", "must not be negative, got \(major)") }
            if let minor = rule.minor, minor < -1 { throw SpecError("\(path).minor", "must not be negative, got \(minor)") }
        }
        if let memory { try memory.validate(path: "\(base).memory") }
        if let cpu { try cpu.validate(path: "\(base).cpu") }
        if let limit = pids?.limit, limit < -1 {
            throw SpecError("\(base).pids.limit", "must be -1 (unlimited) or a non-negative count, got \(limit)")
        }
        if let blockIO { try blockIO.validate(path: "\(base).blockIO") }
        for (i, hp) in (hugepageLimits ?? []).enumerated() where !Self.isValidPageSize(hp.pageSize) {
            throw SpecError("\(base).hugepageLimits[\(i)].pageSize", "\(quoted(hp.pageSize)) is not a page size like \"2MB\" or \"1GB\"")
        }
        for key in (rdma ?? [:]).keys.sorted() {
            let limit = rdma![key]!
            if limit.hcaHandles == nil && limit.hcaObjects == nil {
                throw SpecError("\(base).rdma[\(quoted(key))]", "must set hcaHandles or hcaObjects (or both)")
            }
        }
        for key in (unified ?? [:]).keys.sorted() {
            // Keys name a file in the container's cgroup directory; anything
            // else could write outside it.
            if key.isEmpty || key.contains("/") || key == "." || key == ".." || key.utf8.contains(0) {
                throw SpecError("\(base).unified[\(quoted(key))]", "must be a cgroup file name such as \"memory.high\"")
            }
        }
    }

    /// `<number><K|M|G>B` without leading zero (the schema pattern).
    static func isValidPageSize(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count >= 3, b.last == UInt8(ascii: "B"),
              [UInt8(ascii: "K"), UInt8(ascii: "M"), UInt8(ascii: "G")].contains(b[b.count - 2]),
              b[0] != UInt8(ascii: "0") else { return false }
        return b[..<(b.count - 2)].allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}

extension Spec.Linux.Resources.Memory {
    func validate(path: String) throws(SpecError) {
        for (name, value) in [("limit", limit), ("reservation", reservation), ("swap", swap),
                              ("kernel", kernel), ("kernelTCP", kernelTCP)] {
            if let value, value < -1 {
                throw SpecError("\(path).\(name)", "must be -1 (unlimited) or a non-negative byte count, got \(value)")
            }
        }
        // swap is memory+swap, so it can never be below the memory limit; the
        // kernel (v1) and runc (v2 conversion) both reject it.
        if let limit, let swap, limit > 0, swap > 0, swap < limit {
            throw SpecError("\(path).swap", "memory+swap limit \(swap) must be at least the memory limit \(limit)")
        }
        if let swappiness, swappiness > 100 {
            throw SpecError("\(path).swappiness", "must be between 0 and 100, got \(swappiness)")
        }
    }
}

extension Spec.Linux.Resources.CPU {
    func validate(path: String) throws(SpecError) {
        if let idle, idle != 0 && idle != 1 {
            throw SpecError("\(path).idle", "must be 0 or 1, got \(idle)")
        }
        if let quota, quota < -1 {
            throw SpecError("\(path).quota", "must be -1 (unlimited) or positive, got \(quota)")
        }
        if let burst, let quota, quota > 0, burst > UInt64(quota) {
            throw SpecError("\(path).burst", "\(burst) must not exceed quota \(quota)")
        }
        if let realtimeRuntime, realtimeRuntime < -1 {
            throw SpecError("\(path).realtimeRuntime", "must be -1 (unlimited) or non-negative, got \(realtimeRuntime)")
        }
        if let cpus, CPUList.parse(cpus) == nil {
            throw SpecError("\(path).cpus", "\(quoted(cpus)) is not a CPU list like \"0-3,7\"")
        }
        if let mems, CPUList.parse(mems) == nil {
            throw SpecError("\(path).mems", "\(quoted(mems)) is not a node list like \"0-1\"")
        }
    }
}

extension Spec.Linux.Resources.BlockIO {
    func validate(path: String) throws(SpecError) {
        for (i, device) in (weightDevice ?? []).enumerated() where device.weight == nil && device.leafWeight == nil {
            throw SpecError("\(path).weightDevice[\(i)]", "must set weight or leafWeight (or both)")
        }
        let throttles = [
            ("throttleReadBpsDevice", throttleReadBpsDevice), ("throttleWriteBpsDevice", throttleWriteBpsDevice),
            ("throttleReadIOPSDevice", throttleReadIOPSDevice), ("throttleWriteIOPSDevice", throttleWriteIOPSDevice),
        ]
        for (name, devices) in throttles {
            for (i, d) in (devices ?? []).enumerated() where d.major < 0 || d.minor < 0 {
                throw SpecError("\(path).\(name)[\(i)]", "major and minor must not be negative")
            }
        }
    }
}
