/// Generates the BPF_PROG_TYPE_CGROUP_DEVICE program enforcing a device
/// rule list on cgroup v2, with the same decisions as the v1 controller
/// (the rules go through `DeviceEmulator` first) and the same layout as
/// runc's devicefilter, so its listings can be compared.
///
/// The program reads `struct bpf_cgroup_dev_ctx { u32 access_type; u32 major; u32 minor; }`:
/// the low 16 bits of access_type are the device type, the high 16 the access.
public enum DeviceFilterProgram {
    /// Kernel license string; the program calls no GPL-only helpers.
    public static let license = "Apache"

    // BPF_DEVCG_DEV_* and BPF_DEVCG_ACC_* from linux/bpf.h.
    static let devBlock: Int32 = 1, devChar: Int32 = 2
    static let accMknod: Int32 = 1, accRead: Int32 = 2, accWrite: Int32 = 4

    public static func instructions(for rules: [DeviceRule]) throws(CgroupError) -> [BPFInstruction] {
        try instructions(for: DeviceEmulator(rules: rules))
    }

    public static func instructions(for emulator: DeviceEmulator) -> [BPFInstruction] {
        var program: [BPFInstruction] = [
            .loadWord(2, 1, offset: 0), .and32(2, 0xFFFF),  // r2 = type
            .loadWord(3, 1, offset: 0), .rsh32(3, 16),      // r3 = access
            .loadWord(4, 1, offset: 4),                     // r4 = major
            .loadWord(5, 1, offset: 8),                     // r5 = minor
        ]
        for rule in emulator.rules where rule.kind != .all {
            program += block(for: rule)
        }
        program += [.mov32(0, emulator.defaultAllow ? 1 : 0), .exit]
        return program
    }

    /// Checks one rule; every mismatch jumps to the next block.
    static func block(for rule: DeviceRule) -> [BPFInstruction] {
        var block: [BPFInstruction] = [.jne(2, rule.kind == .block ? devBlock : devChar, offset: 0)]
        if rule.access != .all {
            var bits: Int32 = 0
            if rule.access.contains(.read) { bits |= accRead }
            if rule.access.contains(.write) { bits |= accWrite }
            if rule.access.contains(.mknod) { bits |= accMknod }
            // Every requested access must be among the rule's: (r3 & bits) == r3.
            block += [.mov32(1, register: 3), .and32(1, bits), .jne(1, register: 3, offset: 0)]
        }
        if let major = rule.major { block.append(.jne(4, Int32(truncatingIfNeeded: major), offset: 0)) }
        if let minor = rule.minor { block.append(.jne(5, Int32(truncatingIfNeeded: minor), offset: 0)) }
        block += [.mov32(0, rule.allow ? 1 : 0), .exit]
        for i in block.indices where block[i].isJump {
            block[i].offset = Int16(block.count - i - 1)
        }
        return block
    }
}
