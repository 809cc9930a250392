import Foundation
import XCTest

/// Drives the runtime binary exactly as an engine would, against real
/// busybox bundles. Runs as root. `SWIFTLET=/usr/sbin/runc swift test
/// --filter IntegrationTests` runs the same tests against runc.
enum Harness {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    static let runtime: String = {
        if let env = ProcessInfo.processInfo.environment["SWIFTLET"], !env.isEmpty { return env }
        for candidate in [".build/release/swiftlet", ".build/debug/swiftlet"] {
            let path = packageRoot.appendingPathComponent(candidate).path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return "swiftlet"
    }()

    static var isRoot: Bool { getuid() == 0 }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `program args`, feeding `stdin`, with a timeout.
    @discardableResult
    static func exec(_ program: String, _ args: [String], cwd: String? = nil, stdin: String? = nil,
                     timeout: TimeInterval = 30, environment: [String: String]? = nil) -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = args
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        if let environment { p.environment = environment }
        // Output goes to files: a chatty child can never block on a full pipe.
        let base = NSTemporaryDirectory() + "swiftlet-exec-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: base + ".out", contents: nil)
        FileManager.default.createFile(atPath: base + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: base + ".out")
            try? FileManager.default.removeItem(atPath: base + ".err")
        }
        let out = FileHandle(forWritingAtPath: base + ".out")!
        let err = FileHandle(forWritingAtPath: base + ".err")!
        let input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        do { try p.run() } catch { return Result(status: -1, stdout: "", stderr: "\(error)") }
        try? out.close()
        try? err.close()
        if let stdin { input.fileHandleForWriting.write(stdin.data(using: .utf8)!) }
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { usleep(5000) }
        if p.isRunning { p.terminate(); kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        let outData = FileManager.default.contents(atPath: base + ".out") ?? Data()
        let errData = FileManager.default.contents(atPath: base + ".err") ?? Data()
        return Result(status: p.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A scratch bundle + private --root for one test; everything is removed in `tearDown`.
final class Sandbox {
    let dir: String
    let root: String
    let bundle: String
    var config: [String: Any]
    private(set) var ids: [String] = []

    init(_ command: [String] = ["true"]) throws {
        dir = NSTemporaryDirectory() + "swiftlet-it-\(UUID().uuidString.prefix(8))"
        root = dir + "/state"
        bundle = dir + "/bundle"
        let make = Harness.packageRoot.appendingPathComponent("scripts/make-bundle.sh").path
        let r = Harness.exec("/bin/sh", [make, bundle] + command)
        guard r.status == 0 else { throw NSError(domain: "make-bundle", code: Int(r.status), userInfo: [NSLocalizedDescriptionKey: r.stderr]) }
        let data = try Data(contentsOf: URL(fileURLWithPath: bundle + "/config.json"))
        config = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    func newID(_ prefix: String = "it") -> String {
        let id = "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
        ids.append(id)
        return id
    }

    func writeConfig() throws {
        let data = try JSONSerialization.data(withJSONObject: config, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: bundle + "/config.json"))
    }

    /// Sets a value at a dotted path ("process.args", "linux.sysctl"), creating objects on the way.
    func set(_ path: String, _ value: Any?) {
        config = Sandbox.setting(config, Array(path.split(separator: ".").map(String.init)), value)
    }

    private static func setting(_ object: [String: Any], _ keys: [String], _ value: Any?) -> [String: Any] {
        var object = object
        if keys.count == 1 {
            object[keys[0]] = value
        } else {
            let child = object[keys[0]] as? [String: Any] ?? [:]
            object[keys[0]] = setting(child, Array(keys.dropFirst()), value)
        }
        return object
    }

    var process: [String: Any] { config["process"] as? [String: Any] ?? [:] }

    func appendMount(_ mount: [String: Any]) {
        var mounts = config["mounts"] as? [[String: Any]] ?? []
        mounts.append(mount)
        config["mounts"] = mounts
    }

    func appendNamespace(_ ns: [String: Any]) {
        var linux = config["linux"] as? [String: Any] ?? [:]
        var list = linux["namespaces"] as? [[String: Any]] ?? []
        list.removeAll { ($0["type"] as? String) == (ns["type"] as? String) }
        list.append(ns)
        linux["namespaces"] = list
        config["linux"] = linux
    }

    @discardableResult
    func runtime(_ args: [String], stdin: String? = nil, timeout: TimeInterval = 30) -> Harness.Result {
        Harness.exec(Harness.runtime, ["--root", root] + args, cwd: bundle, stdin: stdin, timeout: timeout)
    }

    /// `run` of the bundle with `command` as process.args; returns the container's output.
    func run(_ command: [String], id: String? = nil) throws -> Harness.Result {
        set("process.args", command)
        try writeConfig()
        return runtime(["run", id ?? newID()])
    }

    func state(_ id: String) -> [String: Any]? {
        let r = runtime(["state", id])
        guard r.status == 0, let data = r.stdout.data(using: .utf8) else { return nil }
        return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    func cleanUp() {
        for id in ids { runtime(["delete", "--force", id]) }
        try? FileManager.default.removeItem(atPath: dir)
    }
}

class IntegrationTestCase: XCTestCase {
    var sandbox: Sandbox!

    override func setUpWithError() throws {
        try XCTSkipUnless(Harness.isRoot, "integration tests create real containers and need root")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: Harness.runtime),
                          "runtime binary not built: \(Harness.runtime) (make build)")
        sandbox = try Sandbox()
    }

    override func tearDown() {
        sandbox?.cleanUp()
        sandbox = nil
    }

    /// Output of a foreground run that must succeed.
    func output(_ command: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try sandbox.run(command)
        XCTAssertEqual(r.status, 0, "run \(command) failed: \(r.stderr)", file: file, line: line)
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
