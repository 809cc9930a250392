extension CgroupV1Manager {
    /// Moves devices.list to `rules` with the fewest writes, so an update
    /// never briefly denies a device the container keeps, then checks that
    /// the kernel ended up where the emulator says it should.
    func setDevices(_ dir: String, _ rules: [DeviceRule]) throws(CgroupError) {
        let target = try DeviceEmulator(rules: rules)
        let current = try DeviceEmulator(devicesList: try read(dir, "devices.list"))
        for rule in current.transition(to: target) {
            try write(dir, rule.allow ? "devices.allow" : "devices.deny", rule.cgroupString, field: "linux.resources.devices")
        }
        let after = try DeviceEmulator(devicesList: try read(dir, "devices.list"))
        // Deny exceptions of allow-all mode are invisible in devices.list, so
        // only the mode can be checked there.
        if target.defaultAllow ? !after.defaultAllow : after != target {
            throw CgroupError(.state, field: "linux.resources.devices", "the device cgroup \(dir) did not reach the requested rules")
        }
    }
}
