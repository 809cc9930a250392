import XCTest
final class ProcessSetupTestsPlaceholder: XCTestCase { func testBuilds() {} }
