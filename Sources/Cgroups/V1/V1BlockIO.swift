import OCISpec

extension CgroupV1Manager {
    /// blkio.*: weights go to CFQ's files or, on newer kernels, BFQ's.
    func setBlockIO(_ b: Spec.Linux.Resources.BlockIO) throws(CgroupError) {
        let f = "linux.resources.blockIO"
        let dir = try require("blkio", for: f)
        let weightFile = has(dir, "blkio.weight") ? "blkio.weight" : has(dir, "blkio.bfq.weight") ? "blkio.bfq.weight" : nil
        let weightDeviceFile = has(dir, "blkio.weight_device") ? "blkio.weight_device"
            : has(dir, "blkio.bfq.weight_device") ? "blkio.bfq.weight_device" : nil
        if let w = b.weight, w != 0 {
            guard let file = weightFile else {
                throw .unsupported(f + ".weight", "no proportional-weight IO scheduler (CFQ blkio.weight or BFQ blkio.bfq.weight) on this host")
            }
            try write(dir, file, String(w), field: f + ".weight")
        }
        if let w = b.leafWeight, w != 0 {
            guard has(dir, "blkio.leaf_weight") else {
                throw .unsupported(f + ".leafWeight", "blkio.leaf_weight (CFQ) is not available on this host")
            }
            try write(dir, "blkio.leaf_weight", String(w), field: f + ".leafWeight")
        }
        for (i, d) in (b.weightDevice ?? []).enumerated() {
            let field = "\(f).weightDevice[\(i)]"
            if d.weight == nil && d.leafWeight == nil {
                throw .invalid(field, "at least one of weight and leafWeight is required")
            }
            if let w = d.weight {
                guard let file = weightDeviceFile else {
                    throw .unsupported(field + ".weight", "no per-device weight file (blkio.weight_device or blkio.bfq.weight_device) on this host")
                }
                try write(dir, file, "\(d.major):\(d.minor) \(w)", field: field + ".weight")
            }
            if let w = d.leafWeight {
                guard has(dir, "blkio.leaf_weight_device") else {
                    throw .unsupported(field + ".leafWeight", "blkio.leaf_weight_device (CFQ) is not available on this host")
                }
                try write(dir, "blkio.leaf_weight_device", "\(d.major):\(d.minor) \(w)", field: field + ".leafWeight")
            }
        }
        let throttles: [(String, [Spec.Linux.Resources.BlockIO.ThrottleDevice]?, String)] = [
            ("throttleReadBpsDevice", b.throttleReadBpsDevice, "blkio.throttle.read_bps_device"),
            ("throttleWriteBpsDevice", b.throttleWriteBpsDevice, "blkio.throttle.write_bps_device"),
            ("throttleReadIOPSDevice", b.throttleReadIOPSDevice, "blkio.throttle.read_iops_device"),
            ("throttleWriteIOPSDevice", b.throttleWriteIOPSDevice, "blkio.throttle.write_iops_device"),
        ]
        for (name, list, file) in throttles {
            for (i, t) in (list ?? []).enumerated() {
                try write(dir, file, "\(t.major):\(t.minor) \(t.rate)", field: "\(f).\(name)[\(i)]")
            }
        }
    }
}
