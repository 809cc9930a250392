import OCISpec
import Runtime

/// `list` output in runc's three shapes: a tabwriter table (min width 12,
/// padding 3), `--quiet` ids, or a JSON array (`null` when empty, as Go prints a nil slice).
enum ListOutput {
    static func print(_ states: [RuncState], format: String, quiet: Bool) throws {
        if quiet {
            Output.write(1, states.map { $0.id + "\n" }.joined())
            return
        }
        switch format {
        case "json":
            Output.write(1, (states.isEmpty ? "null" : JSON.encode(states)) + "\n")
        case "table":
            var rows = [["ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER"]]
            for s in states {
                rows.append([s.id, "\(s.pid)", s.status, s.bundle, s.created, s.owner])
            }
            Output.write(1, table(rows))
        default:
            throw RuntimeError("invalid format option")
        }
    }

    /// Go's text/tabwriter with minwidth 12, tabwidth 1, padding 3: every
    /// column but the last is padded to max(12, widest cell + 3).
    static func table(_ rows: [[String]]) -> String {
        guard let columns = rows.first?.count else { return "" }
        var widths = [Int](repeating: 12, count: columns)
        for row in rows {
            for (i, cell) in row.enumerated() where i < columns - 1 {
                widths[i] = max(widths[i], cell.count + 3)
            }
        }
        var out = ""
        for row in rows {
            for (i, cell) in row.enumerated() {
                out += cell
                if i < columns - 1 { out += String(repeating: " ", count: widths[i] - cell.count) }
            }
            out += "\n"
        }
        return out
    }
}
