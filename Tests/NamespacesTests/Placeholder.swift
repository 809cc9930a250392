import XCTest
final class NamespacesTestsPlaceholder: XCTestCase { func testBuilds() {} }
