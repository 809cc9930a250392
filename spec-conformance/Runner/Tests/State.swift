// runtime.md: State (fields, schema, status transitions) and --pid-file.
import Foundation
import Glibc

enum StateTests {
    static let statuses: Set<String> = ["creating", "created", "running", "stopped"]

    static func run(_ s: Suite) {
        let g = Group("State", s)
        let b = s.bundle("state", s.checker("signals:60"))
        b.config["annotations"] = ["org.example.conformance": "value-1", "com.example.empty": ""]
        let c = s.container(b, "state")
        defer { c.destroy() }
        let pidFile = b.dir + "/pidfile"
        let cr = c.create(["--pid-file", pidFile])
        let (sr, created) = c.stateResult()
        let json = created?.json ?? [:]

        g.check("query-returns-state", "runtime.md state: \"This operation MUST return the state of a container as specified in the State section\"",
                sr.ok && created != nil, sr.summary + " stdout: \(sr.stdout.prefix(200))")
        let semver = #"^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$"#
        let v = created?.ociVersion ?? ""
        g.check("field-ociVersion", "runtime.md state: \"ociVersion (string, REQUIRED) is version of the Open Container Initiative Runtime Specification\" (SemVer)",
                v.range(of: semver, options: .regularExpression) != nil, "ociVersion=\(json["ociVersion"] ?? "absent")")
        g.equal("field-id", "runtime.md state: \"id (string, REQUIRED) is the container's ID\"", created?.id, c.id)
        g.equal("status-created", "runtime.md state: status `created`: \"the runtime has finished the create operation\"", created?.status, "created")
        let pid = created?.pid ?? -1
        g.check("field-pid-created", "runtime.md state: \"pid (int, REQUIRED when status is created or running on Linux) is the ID of the container process\" (created)",
                pid > 0 && Host.processAlive(pid), "pid=\(json["pid"] ?? "absent")")
        g.equal("field-bundle", "runtime.md state: \"bundle (string, REQUIRED) is the absolute path to the container's bundle directory\"",
                created?.bundle, b.dir)
        let ann = created?.annotations
        g.check("field-annotations", "runtime.md state: \"annotations (map, OPTIONAL) contains the list of annotations associated with the container\"",
                ann?["org.example.conformance"] as? String == "value-1" && ann?["com.example.empty"] as? String == "",
                "annotations=\(String(describing: ann))")
        g.check("schema", "runtime.md state: \"When serialized in JSON, the format MUST adhere to the JSON Schema schema/state-schema.json\"",
                schemaErrors(json).isEmpty, schemaErrors(json).joined(separator: "; "))
        let pidText = (try? String(contentsOfFile: pidFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        g.check("pid-file", "runc-create(8): \"--pid-file path: Specify the file to write the initial container process' PID to\" (equals state.pid)",
                cr.ok && pidText != nil && Int(pidText!) == pid, "pid file: \(pidText ?? "missing"), state pid \(pid)")

        let st = c.start()
        _ = LifecycleTests.waitForOutput(c, "signals.ready=1")
        let running = c.state()
        g.check("status-running", "runtime.md state: status `running`: \"the container process has executed the user-specified program but has not exited\"",
                st.ok && running?.status == "running", st.summary + " status=\(running?.status ?? "none")")
        g.check("field-pid-running", "runtime.md state: \"pid (int, REQUIRED when status is created or running on Linux)\" (running)",
                (running?.pid ?? -1) > 0 && Host.processAlive(running?.pid ?? -1), "pid=\(String(describing: running?.pid))")
        g.check("schema-running", "runtime.md state: \"the format MUST adhere to the JSON Schema\" (running)",
                schemaErrors(running?.json ?? [:]).isEmpty, schemaErrors(running?.json ?? [:]).joined(separator: "; "))
        c.kill("KILL")
        _ = c.wait(for: "stopped", timeout: 10)
        let stopped = c.state()
        g.equal("status-stopped-killed", "runtime.md state: status `stopped`: \"the container process has exited\" (killed)", stopped?.status, "stopped")
        g.check("schema-stopped", "runtime.md state: \"the format MUST adhere to the JSON Schema\" (stopped)",
                stopped != nil && schemaErrors(stopped?.json ?? [:]).isEmpty, schemaErrors(stopped?.json ?? [:]).joined(separator: "; "))
        let seen = [created?.status, running?.status, stopped?.status].compactMap { $0 }
        g.check("status-values", "runtime.md state: \"Additional values MAY be defined by the runtime, however, they MUST be used to represent new runtime states not defined above\"",
                seen.count == 3 && seen.allSatisfy { statuses.contains($0) }, "statuses seen: \(seen)")
        c.delete()

        // A process that exits by itself.
        let b2 = s.bundle("exits", s.checker("exit:0"))
        let c2 = s.container(b2, "exits")
        defer { c2.destroy() }
        let cr2 = c2.create()
        let sr2 = c2.start()
        let done = c2.wait(for: "stopped", timeout: 10)
        g.check("status-stopped-exited", "runtime.md state: status `stopped`: \"the container process has exited\" (exited on its own)",
                cr2.ok && sr2.ok && done, sr2.summary)
    }

    /// Checks `json` against schema/state-schema.json (required fields and types).
    static func schemaErrors(_ json: [String: Any]) -> [String] {
        var e: [String] = []
        for k in ["ociVersion", "id", "status", "bundle"] where json[k] == nil { e.append("missing \(k)") }
        for k in ["ociVersion", "id", "status", "bundle"] where json[k] != nil && !(json[k] is String) { e.append("\(k) not a string") }
        if let st = json["status"] as? String, !statuses.contains(st) { e.append("status \(st) not in enum") }
        if let p = json["pid"] {
            if let i = jsonInt(p) { if i < 0 { e.append("pid < 0") } } else { e.append("pid not an integer") }
        }
        if let a = json["annotations"] {
            if let m = a as? [String: Any] { if !m.values.allSatisfy({ $0 is String }) { e.append("annotation values not strings") } } else { e.append("annotations not a map") }
        }
        return e
    }
}
