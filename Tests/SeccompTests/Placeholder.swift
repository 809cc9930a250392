import XCTest
final class SeccompTestsPlaceholder: XCTestCase { func testBuilds() {} }
