/// The kernel's list format for CPUs and memory nodes (`0-3,7`), used by
/// `linux.resources.cpu.cpus/mems`, `process.execCPUAffinity` and
/// `linux.memoryPolicy.nodes`.
public enum CPUList {
    /// The listed numbers in ascending order without duplicates; nil when malformed.
    /// Spaces around items are tolerated (the schema allows them); an empty or
    /// all-blank list is the empty set.
    public static func parse(_ text: String) -> [Int]? {
        var result = Set<Int>()
        for rawItem in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = rawItem.trimmingSpaces()
            if item.isEmpty {
                // "1,,2" is malformed but "" (no CPUs) is accepted.
                if text.trimmingSpaces().isEmpty { continue }
                return nil
            }
            let bounds = item.split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count <= 2, let low = number(bounds[0]) else { return nil }
            let high = bounds.count == 2 ? number(bounds[1]) : low
            guard let high, low <= high, high - low < 1 << 16 else { return nil }
            for n in low...high { result.insert(n) }
        }
        return result.sorted()
    }

    private static func number(_ s: Substring) -> Int? {
        let t = s.trimmingSpaces()
        guard !t.isEmpty, t.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), t.count <= 9 else { return nil }
        return Int(t)
    }
}

fileprivate extension StringProtocol {
    func trimmingSpaces() -> Substring {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}
