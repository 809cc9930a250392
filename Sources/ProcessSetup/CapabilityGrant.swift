import CShims
import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// config.md: "Runtimes SHOULD NOT fail if the container configuration
/// requests capabilities that cannot be granted" (for example one outside the
/// runtime's own bounding set). capset(2) refuses the whole call if any bit
/// is beyond what the process holds, so the requested sets are first narrowed
/// to what can be granted and the rest is reported as a warning.
///
/// Narrowing only ever removes bits: nothing that was not configured is
/// granted, and inheritable stays empty unless configured (CVE-2022-29162).
public struct HeldCapabilities: Equatable, Sendable {
    public var effective: UInt64
    public var permitted: UInt64
    public var inheritable: UInt64
    public var bounding: UInt64

    public init(effective: UInt64, permitted: UInt64, inheritable: UInt64, bounding: UInt64) {
        self.effective = effective
        self.permitted = permitted
        self.inheritable = inheritable
        self.bounding = bounding
    }
}

extension CapabilitySets {
    static let capSetpcap: UInt64 = 1 << 8

    /// The sets capset(2) will accept from a process holding `held`, and the
    /// requested capabilities left out. The kernel's rules (cap_capset): the
    /// new permitted set must be a subset of the old one, effective of the new
    /// permitted, inheritable of old inheritable plus bounding (and of old
    /// inheritable plus permitted without CAP_SETPCAP).
    public func limited(to held: HeldCapabilities) -> (sets: CapabilitySets, ungranted: UInt64) {
        var out = self
        out.permitted = permitted & held.permitted
        out.effective = effective & out.permitted
        var inheritableCeiling = held.inheritable | held.bounding
        if held.effective & Self.capSetpcap == 0 { inheritableCeiling &= held.inheritable | held.permitted }
        out.inheritable = inheritable & inheritableCeiling
        let ungranted = (permitted & ~out.permitted) | (effective & ~out.effective)
            | (inheritable & ~out.inheritable) | (bounding & ~held.bounding)
        return (out, ungranted)
    }
}

extension Capabilities {
    static let prCapbsetRead: Int32 = 23

    /// The calling thread's capabilities (capget and PR_CAPBSET_READ); nil if
    /// they cannot be read, in which case capset decides alone.
    public static func held(lastCap: Int32) -> HeldCapabilities? {
        var header: [UInt32] = [linuxCapabilityVersion3, 0]
        var data = [UInt32](repeating: 0, count: 6)
        let r = header.withUnsafeMutableBytes { h in data.withUnsafeMutableBytes { d in sw_capget(h.baseAddress, d.baseAddress) } }
        if r < 0 { return nil }
        func join(_ low: UInt32, _ high: UInt32) -> UInt64 { UInt64(low) | UInt64(high) << 32 }
        var bounding: UInt64 = 0
        for cap in 0...min(lastCap, 63) where sw_prctl(prCapbsetRead, UInt(cap), 0, 0, 0) == 1 {
            bounding |= 1 << UInt64(cap)
        }
        return HeldCapabilities(effective: join(data[0], data[3]), permitted: join(data[1], data[4]),
                                inheritable: join(data[2], data[5]), bounding: bounding)
    }

    /// `sets` narrowed to what this process can grant, with the warning to log
    /// for what it cannot (nil when everything can be granted).
    public static func grantable(_ sets: CapabilitySets) -> (sets: CapabilitySets, warning: String?) {
        guard let held = held(lastCap: sets.lastCap) else { return (sets, nil) }
        let (limited, ungranted) = sets.limited(to: held)
        guard ungranted != 0 else { return (sets, nil) }
        return (limited, "process.capabilities: cannot grant \(CapabilitySets.names(ungranted)): "
                    + "not held by the runtime (outside its bounding or permitted set); continuing without")
    }
}
