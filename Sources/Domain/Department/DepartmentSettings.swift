import Foundation

/// The editable fields of a department.
public struct DepartmentSettings: Sendable, Equatable {
    public var name: String
    public var color: String
    public var maxConcurrentPerAgent: Int
    public var expectedResponseMinutes: Int

    public init(name: String, color: String, maxConcurrentPerAgent: Int, expectedResponseMinutes: Int) {
        self.name = name
        self.color = color
        self.maxConcurrentPerAgent = maxConcurrentPerAgent
        self.expectedResponseMinutes = expectedResponseMinutes
    }

    /// Limits: name ≤ 80 characters, colour `#RRGGBB`, 1–100 concurrent conversations per
    /// agent, 1–10 080 minutes (a week) of expected response time.
    func validated() throws -> DepartmentSettings {
        var clean = self
        clean.name = Validate.trimmed(try Validate.text(name, field: "name", max: 80))
        try Validate.color(color, field: "color")
        try Validate.range(maxConcurrentPerAgent, field: "maxConcurrentPerAgent", 1...100)
        try Validate.range(expectedResponseMinutes, field: "expectedResponseMinutes", 1...10_080)
        return clean
    }
}
