import XCTest
final class OCISpecTestsPlaceholder: XCTestCase { func testBuilds() {} }
