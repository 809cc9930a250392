import CShims
import OCISpec
import Syscalls
#if canImport(Glibc)
import Glibc
#endif

/// `linux.personality`: the execution domain, set with personality(2).
public enum Personality {
    /// The persona value for `personality`. `flags` are not supported by the spec
    /// yet; like runc they are ignored and returned as warnings.
    public static func resolve(_ personality: Spec.Linux.Personality) throws(ProcessSetupError)
        -> (persona: UInt, warnings: [String])
    {
        guard let persona = LinuxNames.personalityDomains.first(where: { $0.name == personality.domain })?.persona else {
            throw ProcessSetupError(field: "linux.personality.domain",
                                    "invalid personality domain \"\(personality.domain)\" (LINUX or LINUX32)")
        }
        var warnings: [String] = []
        if let flags = personality.flags, !flags.isEmpty {
            warnings.append("linux.personality.flags: ignoring unsupported flags \(flags)")
        }
        return (persona, warnings)
    }

    /// Sets the personality; returns warnings to log (ignored flags).
    @discardableResult
    public static func apply(_ personality: Spec.Linux.Personality?) throws(ProcessSetupError) -> [String] {
        guard let personality else { return [] }
        let (persona, warnings) = try resolve(personality)
        if sw_personality(persona) < 0 {
            throw ProcessSetupError(field: "linux.personality", "setting domain \(personality.domain)",
                                    underlying: .last("personality"))
        }
        return warnings
    }
}
