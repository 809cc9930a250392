/// A runtime-spec version (SemVer 2.0.0), e.g. `1.0.2-dev`.
///
/// Build metadata is accepted and ignored for ordering, as SemVer requires.
public struct OCIVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int
    /// Dot-separated pre-release identifiers (`["rc", "1"]`); empty for a release.
    public var preRelease: [String]
    public var build: String?

    /// The oldest and newest versions swiftlet accepts in `ociVersion`.
    public static let minimumSupported = OCIVersion(major: 1, minor: 0, patch: 0)
    public static let maximumSupported = OCIVersion(major: 1, minor: 3, patch: 0)

    public init(major: Int, minor: Int, patch: Int, preRelease: [String] = [], build: String? = nil) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.preRelease = preRelease
        self.build = build
    }

    /// Parses strict SemVer; returns nil for anything else.
    public init?(_ text: String) {
        var core = Substring(text)
        var build: String? = nil
        if let plus = core.firstIndex(of: "+") {
            build = String(core[core.index(after: plus)...])
            core = core[..<plus]
            guard let b = build, OCIVersion.validIdentifiers(b, numericLeadingZeroOK: true) else { return nil }
        }
        var pre: [String] = []
        if let dash = core.firstIndex(of: "-") {
            let preText = core[core.index(after: dash)...]
            guard OCIVersion.validIdentifiers(preText, numericLeadingZeroOK: false) else { return nil }
            pre = preText.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            core = core[..<dash]
        }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard OCIVersion.isNumeric(part), part.count == 1 || part.first != "0",
                  let n = Int(part) else { return nil }
            numbers.append(n)
        }
        self.init(major: numbers[0], minor: numbers[1], patch: numbers[2], preRelease: pre, build: build)
    }

    /// Whether swiftlet implements this version (1.0.0 up to any 1.3.x).
    public var isSupported: Bool {
        major == 1 && minor <= OCIVersion.maximumSupported.minor
    }

    public var description: String {
        var s = "\(major).\(minor).\(patch)"
        if !preRelease.isEmpty { s += "-" + preRelease.joined(separator: ".") }
        if let build { s += "+" + build }
        return s
    }

    public static func == (a: OCIVersion, b: OCIVersion) -> Bool {
        a.major == b.major && a.minor == b.minor && a.patch == b.patch && a.preRelease == b.preRelease
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(preRelease)
    }

    /// SemVer precedence: a pre-release sorts before its release; identifiers
    /// compare numerically when both are numeric, else lexically, numeric first.
    public static func < (a: OCIVersion, b: OCIVersion) -> Bool {
        if a.major != b.major { return a.major < b.major }
        if a.minor != b.minor { return a.minor < b.minor }
        if a.patch != b.patch { return a.patch < b.patch }
        if a.preRelease.isEmpty || b.preRelease.isEmpty {
            return !a.preRelease.isEmpty && b.preRelease.isEmpty
        }
        for (x, y) in zip(a.preRelease, b.preRelease) where x != y {
            switch (Int(x), Int(y)) {
            case let (nx?, ny?): return nx < ny
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return x < y
            }
        }
        return a.preRelease.count < b.preRelease.count
    }

    private static func isNumeric(_ s: Substring) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private static func validIdentifiers<S: StringProtocol>(_ s: S, numericLeadingZeroOK: Bool) -> Bool {
        for id in s.split(separator: ".", omittingEmptySubsequences: false) {
            guard !id.isEmpty else { return false }
            let ok = id.utf8.allSatisfy { c in
                (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
                    || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || c == UInt8(ascii: "-")
            }
            guard ok else { return false }
            let sub = Substring(id)
            if !numericLeadingZeroOK, isNumeric(sub), sub.count > 1, sub.first == "0" { return false }
        }
        return true
    }
}
