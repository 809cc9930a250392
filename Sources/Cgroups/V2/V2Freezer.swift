extension CgroupV2Manager {
    public func freeze() throws(CgroupError) { try setFrozen(true) }
    public func thaw() throws(CgroupError) { try setFrozen(false) }

    /// Writes cgroup.freeze and waits for cgroup.events to report the new
    /// state (freezing completes asynchronously).
    func setFrozen(_ frozen: Bool) throws(CgroupError) {
        guard has(directory, "cgroup.freeze") else {
            if !frozen { return }
            throw .unsupported(nil, "this kernel has no cgroup v2 freezer (Linux 5.2+)")
        }
        try write(directory, "cgroup.freeze", frozen ? "1" : "0", field: nil)
        let want: UInt64 = frozen ? 1 : 0
        var delay: UInt32 = 10
        var waited: UInt32 = 0
        while waited < 5_000_000 {
            if StatParse.value(try read(directory, "cgroup.events"), key: "frozen") == want { return }
            kernel.sleep(microseconds: delay)
            waited += delay
            delay = min(delay * 2, 10_000)
        }
        if frozen { try? write(directory, "cgroup.freeze", "0", field: nil) }
        throw CgroupError(.state, "\(frozen ? "freeze" : "thaw"): \(directory) did not become \(frozen ? "frozen" : "thawed")")
    }

    public func freezerState() throws(CgroupError) -> FreezerState {
        guard has(directory, "cgroup.freeze") else { return .undefined }
        guard StatParse.trim(try read(directory, "cgroup.freeze")) == "1" else { return .thawed }
        return StatParse.value(try read(directory, "cgroup.events"), key: "frozen") == 1 ? .frozen : .freezing
    }
}
