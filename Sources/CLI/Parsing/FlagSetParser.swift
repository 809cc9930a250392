/// A parsed flag value, stored by the flag's index in its table.
enum FlagValue: Sendable, Equatable {
    /// Not given. A case rather than Optional so the storage array needs no extra generic
    /// metadata at start-up (Optional<FlagValue> arrays cost ~30k instructions to instantiate).
    case unset
    case bool(Bool)
    case string(String)
    case int(Int64)
    case uint(UInt64)
    case duration(Int64)
    case strings([String])
    case int64s([Int64])
}

/// Values of one flag set plus which spellings were used (for urfave's "two forms" check).
struct FlagValues: Sendable {
    /// Tables have at most this many flags with at most two names each (checked by tests),
    /// so the spellings fit one bitmask: bit 2*i+n is names[n] of flag i.
    static let maxFlags = 32
    private var storage: [FlagValue]
    private(set) var spellings: UInt64 = 0

    init(count: Int) {
        precondition(count <= Self.maxFlags, "flag table too large")
        storage = [FlagValue](repeating: .unset, count: count)
    }

    subscript(i: Int) -> FlagValue? {
        get {
            let v = storage[i]
            if case .unset = v { return nil }
            return v
        }
        set { storage[i] = newValue ?? .unset }
    }

    mutating func noteSpelling(flag i: Int, name n: Int) {
        spellings |= 1 << UInt64(2 * i + n)
    }

    func spellingsUsed(flag i: Int) -> UInt64 {
        (spellings >> UInt64(2 * i)) & 0b11
    }
}

/// Go's `flag.FlagSet` semantics over one table of flags: `-f`, `--f`, `-f=v`, `--f=v`,
/// `-f v`; bools never take the next argument; parsing stops at the first non-flag or after
/// `--`; a lone `-` is a positional. No short-option bundling (`-dt` is one unknown flag).
struct FlagSetParser {
    let flags: [FlagSpec]
    /// Commands get urfave's hidden `--help, -h` at index `flags.count`.
    let implicitHelp: Bool

    var count: Int { flags.count + (implicitHelp ? 1 : 0) }

    func spec(_ index: Int) -> FlagSpec {
        index < flags.count ? flags[index] : FlagSpec.help
    }

    func index<S: StringProtocol>(of name: S) -> Int? {
        for i in flags.indices where flags[i].matches(name) { return i }
        if implicitHelp && FlagSpec.help.matches(name) { return flags.count }
        return nil
    }

    /// Parses flags from the front of `args`; returns the positional remainder.
    func parse(_ args: ArraySlice<String>, into out: inout FlagValues) throws(UsageError) -> ArraySlice<String> {
        var rest = args
        while let arg = rest.first {
            let u = arg.utf8
            guard u.count >= 2, u.first == UInt8(ascii: "-") else { return rest }
            var nameStart = arg.index(after: arg.startIndex)
            if arg[nameStart] == "-" {
                if u.count == 2 { return rest.dropFirst() }  // "--" ends the flags
                nameStart = arg.index(after: nameStart)
            }
            var name = arg[nameStart...]
            if let c = name.first, c == "-" || c == "=" { throw .badSyntax(arg) }
            rest = rest.dropFirst()

            var value: Substring? = nil
            if let eq = name.dropFirst().firstIndex(of: "=") {
                value = name[name.index(after: eq)...]
                name = name[..<eq]
            }
            // Every table here defines help, so Go's ErrHelp special case never fires.
            guard let i = index(of: name) else { throw .undefined(name) }
            let flag = spec(i)
            if let n = flag.names.firstIndex(where: { $0 == name }) { out.noteSpelling(flag: i, name: n) }

            if flag.kind == .bool {
                if let v = value {
                    guard let b = GoValueSyntax.parseBool(v) else { throw .invalidBool(v, name) }
                    out[i] = .bool(b)
                } else {
                    out[i] = .bool(true)
                }
                continue
            }
            if value == nil, let next = rest.first {
                value = next[...]
                rest = rest.dropFirst()
            }
            guard let v = value else { throw .needsArgument(name) }
            out[i] = try Self.convert(v, name: name, kind: flag.kind, previous: out[i])
        }
        return rest
    }

    private static func convert(_ v: Substring, name: Substring, kind: FlagKind,
                                previous: FlagValue?) throws(UsageError) -> FlagValue {
        switch kind {
        case .bool:
            preconditionFailure("bool handled by caller")
        case .string:
            return .string(String(v))
        case .int:
            switch GoValueSyntax.parseInt64(String(v)) {
            case .success(let n): return .int(n)
            case .failure(let e): throw .invalidValue(v, name, e)
            }
        case .uint:
            switch GoValueSyntax.parseUInt64(String(v)) {
            case .success(let n): return .uint(n)
            case .failure(let e): throw .invalidValue(v, name, e)
            }
        case .duration:
            guard let ns = GoValueSyntax.parseDuration(String(v)) else { throw .invalidValue(v, name, .syntax) }
            return .duration(ns)
        case .stringList:
            guard case .strings(var list)? = previous else { return .strings([String(v)]) }
            list.append(String(v))
            return .strings(list)
        case .int64List:
            let n: Int64
            switch GoValueSyntax.parseInt64(String(v)) {
            case .success(let x): n = x
            case .failure(let e): throw .invalidListValue(v, name, e)
            }
            guard case .int64s(var list)? = previous else { return .int64s([n]) }
            list.append(n)
            return .int64s(list)
        }
    }

    /// urfave/cli v1 `normalizeFlags`: using two spellings of one flag is an error, reported
    /// with the later spelling (in the table's name order) first.
    func checkSingleSpelling(_ parsed: FlagValues) throws(UsageError) {
        for i in 0..<count {
            let used = parsed.spellingsUsed(flag: i)
            guard used & (used &- 1) != 0 else { continue }
            let names = spec(i).names
            var first: String? = nil
            for n in names.indices where used & (1 << UInt64(n)) != 0 {
                if let f = first { throw .twoForms(names[n], f) }
                first = names[n]
            }
        }
    }

    /// urfave/cli v1.22 `reorderArgs`: known flags, each with the argument after it when that
    /// argument is not itself a known flag (even `-x` or `--`), move in front of everything
    /// else; a later `--` is moved to the front of the rest, and what follows it stays put.
    /// This is why `swiftlet delete ID --force` works but `exec`/`ps` (which opt out) don't.
    func reorder(_ args: ArraySlice<String>) -> [String] {
        var flagsFirst: [String] = []
        var others: [String] = []
        var nextMayBeValue = false
        var i = args.startIndex
        while i < args.endIndex {
            let arg = args[i]
            let isFlag = looksLikeKnownFlag(arg)
            if nextMayBeValue && !isFlag {
                nextMayBeValue = false
                flagsFirst.append(arg)
            } else if arg == "--" {
                others.insert("--", at: 0)
                others.append(contentsOf: args[(i + 1)...])
                break
            } else if isFlag {
                flagsFirst.append(arg)
                nextMayBeValue = !arg.utf8.contains(UInt8(ascii: "="))
            } else {
                others.append(arg)
            }
            i += 1
        }
        return flagsFirst + others
    }

    /// urfave's `argIsFlag`: strips up to three leading dashes and any `=value`.
    private func looksLikeKnownFlag(_ arg: String) -> Bool {
        if arg == "-" || arg == "--" || arg.utf8.first != UInt8(ascii: "-") { return false }
        var s = arg[...]
        if s.hasPrefix("--") { s = s.dropFirst(2) }
        if s.hasPrefix("-") { s = s.dropFirst() }
        if let eq = s.firstIndex(of: "=") { s = s[..<eq] }
        return index(of: s) != nil
    }
}
