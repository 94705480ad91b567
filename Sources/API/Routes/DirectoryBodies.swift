/// `POST /api/departments` (seed 004 "departamentos").
struct DepartmentBody: Decodable {
    let name: String
    let color: String
    let maxConcurrentPerAgent: Int
    let expectedResponseMinutes: Int
}

/// `POST /api/tags`.
struct TagBody: Decodable {
    let name: String
    let color: String
}
