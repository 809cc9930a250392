/// Parsers for the cgroupfs text formats.
enum StatParse {
    static func trim(_ s: String) -> String {
        var sub = Substring(s)
        while let f = sub.first, f == " " || f == "\n" || f == "\t" { sub = sub.dropFirst() }
        while let l = sub.last, l == " " || l == "\n" || l == "\t" { sub = sub.dropLast() }
        return String(sub)
    }

    /// A number, or `max` as UInt64.max.
    static func uint(_ s: String) -> UInt64? {
        let t = trim(s)
        if t == "max" { return UInt64.max }
        return UInt64(t)
    }

    /// `key value` lines (memory.stat, cpu.stat, memory.events, ...).
    static func keyValues(_ text: String) -> [(key: String, value: UInt64)] {
        var out: [(String, UInt64)] = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let v = uint(String(parts[1])) { out.append((String(parts[0]), v)) }
        }
        return out
    }

    static func value(_ text: String, key: String) -> UInt64? {
        keyValues(text).first { $0.key == key }?.value
    }

    /// Whitespace-separated numbers (cpuacct.usage_percpu).
    static func numbers(_ text: String) -> [UInt64] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { UInt64($0) }
    }

    /// A cpuset list, `0-3,7`.
    static func cpuList(_ text: String) -> [UInt16] {
        var out: [UInt16] = []
        for item in trim(text).split(separator: ",") {
            let bounds = item.split(separator: "-")
            if bounds.count == 2, let lo = UInt16(bounds[0]), let hi = UInt16(bounds[1]), lo <= hi {
                out += Array(lo...hi)
            } else if bounds.count == 1, let v = UInt16(bounds[0]) {
                out.append(v)
            }
        }
        return out
    }

    /// `hugepages-2048kB` → `2MB`, the naming of the hugetlb control files.
    static func hugePageSize(directoryName: String) -> String? {
        guard directoryName.hasPrefix("hugepages-"), directoryName.hasSuffix("kB"),
              var size = UInt64(directoryName.dropFirst("hugepages-".count).dropLast(2)) else { return nil }
        var unit = 0
        let units = ["KB", "MB", "GB", "TB", "PB"]
        while size >= 1024 && size % 1024 == 0 && unit < units.count - 1 {
            size /= 1024
            unit += 1
        }
        return "\(size)\(units[unit])"
    }

    /// Page sizes the kernel supports, e.g. ["1GB", "2MB"].
    static func hugePageSizes(fs: CgroupFS) -> [String] {
        let names = (try? fs.subdirectories("/sys/kernel/mm/hugepages")) ?? []
        return names.compactMap { hugePageSize(directoryName: $0) }
    }
}
