import CShims
import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// `process.capabilities`, resolved to kernel bit masks and applied in two steps
/// around the user switch (runc's order):
///
/// 1. `applyBoundingSet()` while still privileged (PR_CAPBSET_DROP needs CAP_SETPCAP);
/// 2. `UserSwitch.apply` (keeps the permitted set across the uid change);
/// 3. `apply()`: capset(2) for effective/permitted/inheritable, then ambient.
///
/// Unknown names and capabilities the running kernel does not have are skipped
/// with a warning (runc 1.1+), as the spec asks. Only configured capabilities end
/// up in any set; in particular inheritable starts empty (CVE-2022-29162).
public struct CapabilitySets: Equatable, Sendable {
    public var bounding: UInt64 = 0
    public var effective: UInt64 = 0
    public var permitted: UInt64 = 0
    public var inheritable: UInt64 = 0
    public var ambient: UInt64 = 0
    /// Names that were skipped: unknown, or beyond the kernel's last capability.
    public var unknown: [String] = []
    /// The kernel's highest capability number the sets were resolved against.
    public var lastCap: Int32 = CapabilityName.lastNumber

    public init() {}

    /// Resolves names against the capability table, keeping only numbers up to `lastCap`.
    /// A missing `process.capabilities` means no capabilities at all (as runc).
    public init(_ caps: Spec.Process.Capabilities?, lastCap: Int32) {
        self.lastCap = lastCap
        var unknown: [String] = []
        func mask(_ names: [String]?) -> UInt64 {
            var m: UInt64 = 0
            for name in names ?? [] {
                if let n = CapabilityName.number(of: name), n <= lastCap, n < 64 {
                    m |= 1 << UInt64(n)
                } else if !unknown.contains(name) {
                    unknown.append(name)
                }
            }
            return m
        }
        bounding = mask(caps?.bounding)
        effective = mask(caps?.effective)
        permitted = mask(caps?.permitted)
        inheritable = mask(caps?.inheritable)
        ambient = mask(caps?.ambient)
        self.unknown = unknown
    }

    /// The warning runc prints for skipped names, or nil if there were none.
    public var unknownWarning: String? {
        unknown.isEmpty ? nil : "ignoring unknown or unavailable capabilities: \(unknown.sorted())"
    }

    /// `/proc/<pid>/status` style hex (16 digits), for comparisons in tests and debugging.
    public static func hex(_ mask: UInt64) -> String {
        let digits = String(mask, radix: 16)
        return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }

    /// Names of the bits in `mask`.
    public static func names(_ mask: UInt64) -> [String] {
        (0..<64).compactMap { bit in
            mask & (1 << UInt64(bit)) != 0 ? CapabilityName.name(of: Int32(bit)) ?? "CAP_\(bit)" : nil
        }
    }
}

public enum Capabilities {
    static let prCapbsetDrop: Int32 = 24
    static let prCapAmbient: Int32 = 47
    static let prCapAmbientRaise: UInt = 2
    static let prCapAmbientClearAll: UInt = 4
    static let linuxCapabilityVersion3: UInt32 = 0x2008_0522

    /// The running kernel's last capability (/proc/sys/kernel/cap_last_cap); falls back
    /// to the table's last entry if procfs is unreadable. Read it before pivot_root.
    public static func kernelLastCap() -> Int32 {
        guard let text = try? FileIO.readString("/proc/sys/kernel/cap_last_cap"),
              let n = Int32(text.filter { $0 != "\n" && $0 != " " }) else { return CapabilityName.lastNumber }
        return min(n, 63)
    }

    /// Resolves the spec's names against the running kernel.
    public static func resolve(_ caps: Spec.Process.Capabilities?) -> CapabilitySets {
        CapabilitySets(caps, lastCap: kernelLastCap())
    }

    /// Drops every capability not in `sets.bounding` from the bounding set.
    public static func applyBoundingSet(_ sets: CapabilitySets) throws(ProcessSetupError) {
        for cap in 0...sets.lastCap where sets.bounding & (1 << UInt64(cap)) == 0 {
            if sw_prctl(prCapbsetDrop, UInt(cap), 0, 0, 0) < 0 {
                let e = sw_errno()
                // EINVAL: the kernel does not know this capability, nothing to drop.
                if e == EINVAL { continue }
                throw ProcessSetupError(field: "process.capabilities.bounding",
                                        "dropping \(CapabilityName.name(of: cap) ?? "capability \(cap)")",
                                        underlying: SystemError(errno: e, "prctl(PR_CAPBSET_DROP)"))
            }
        }
    }

    /// Installs effective/permitted/inheritable with capset(2), then resets and raises
    /// the ambient set. Call after `UserSwitch.apply`.
    ///
    /// - Returns: warnings for ambient capabilities the kernel refused to raise (runc
    ///   only warns: an ambient cap must also be permitted and inheritable).
    @discardableResult
    public static func apply(_ sets: CapabilitySets) throws(ProcessSetupError) -> [String] {
        if sets.effective & ~sets.permitted != 0 {
            throw ProcessSetupError(
                field: "process.capabilities.effective",
                "\(CapabilitySets.names(sets.effective & ~sets.permitted)) not in process.capabilities.permitted")
        }
        // Ungrantable capabilities are a warning, not a failure (CapabilityGrant.swift).
        let (sets, ungranted) = grantable(sets)
        var header: [UInt32] = [linuxCapabilityVersion3, 0]
        var data: [UInt32] = [
            UInt32(truncatingIfNeeded: sets.effective), UInt32(truncatingIfNeeded: sets.permitted),
            UInt32(truncatingIfNeeded: sets.inheritable),
            UInt32(truncatingIfNeeded: sets.effective >> 32), UInt32(truncatingIfNeeded: sets.permitted >> 32),
            UInt32(truncatingIfNeeded: sets.inheritable >> 32),
        ]
        let r = header.withUnsafeMutableBytes { h in data.withUnsafeMutableBytes { d in sw_capset(h.baseAddress, d.baseAddress) } }
        if r < 0 {
            let e = sw_errno()
            // EPERM means a requested capability is not held: inheritable beyond the
            // bounding set is the usual culprit once the bounding set was dropped.
            let field = e == EPERM && sets.inheritable & ~sets.bounding != 0
                ? "process.capabilities.inheritable" : "process.capabilities"
            throw ProcessSetupError(field: field, "applying effective/permitted/inheritable",
                                    underlying: SystemError(errno: e, "capset"))
        }
        var warnings: [String] = ungranted.map { [$0] } ?? []
        if sw_prctl(prCapAmbient, prCapAmbientClearAll, 0, 0, 0) < 0 {
            let e = sw_errno()
            // EINVAL: kernel without ambient capabilities (< 4.3); nothing to clear or raise.
            if e == EINVAL { return sets.ambient == 0 ? [] : ["process.capabilities.ambient: not supported by this kernel"] }
            throw ProcessSetupError(field: "process.capabilities.ambient", "clearing",
                                    underlying: SystemError(errno: e, "prctl(PR_CAP_AMBIENT_CLEAR_ALL)"))
        }
        for cap in 0...sets.lastCap where sets.ambient & (1 << UInt64(cap)) != 0 {
            if sw_prctl(prCapAmbient, prCapAmbientRaise, UInt(cap), 0, 0) < 0 {
                let e = SystemError.last("prctl(PR_CAP_AMBIENT_RAISE)")
                warnings.append("process.capabilities.ambient: can't raise \(CapabilityName.name(of: cap) ?? "\(cap)"): \(e)")
            }
        }
        return warnings
    }
}
