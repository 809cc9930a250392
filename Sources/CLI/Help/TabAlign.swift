/// The subset of Go's text/tabwriter (minwidth 1, padding 2, pad with spaces) that urfave's
/// help output relies on: in each run of consecutive lines containing a tab, the text before
/// the first tab is padded to the run's widest such text plus two spaces. A line without a
/// tab ends the run, which is why runc's `update --help` aligns its flags in two groups.
enum TabAlign {
    static func apply(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var out = ""
        out.reserveCapacity(text.utf8.count + 256)
        var i = 0
        while i < lines.count {
            guard lines[i].contains("\t") else {
                out += lines[i]
                if i < lines.count - 1 { out += "\n" }
                i += 1
                continue
            }
            var end = i
            var width = 0
            while end < lines.count, let tab = lines[end].firstIndex(of: "\t") {
                width = max(width, lines[end][..<tab].unicodeScalars.count)
                end += 1
            }
            for j in i..<end {
                let line = lines[j]
                let tab = line.firstIndex(of: "\t")!
                let cell = line[..<tab]
                out += cell
                out += String(repeating: " ", count: width + 2 - cell.unicodeScalars.count)
                out += line[line.index(after: tab)...]
                if j < lines.count - 1 { out += "\n" }
            }
            i = end
        }
        return out
    }
}
