import Foundation

extension Department {
    /// Decides a department command against the folded state (`nil` = no stream yet).
    public static func decide(_ command: DepartmentCommand, state: Department?) throws -> Decision {
        switch command {
        case .create(let departmentId, let tenantId, let settings):
            if state != nil { throw DomainError.invalidState("department already exists", field: "name") }
            let clean = try settings.validated()
            let created = DepartmentCreated(
                departmentId: departmentId, tenantId: tenantId, name: clean.name, color: clean.color,
                maxConcurrentPerAgent: clean.maxConcurrentPerAgent,
                expectedResponseMinutes: clean.expectedResponseMinutes)
            return Decision(
                [.departmentCreated(created)],
                keyChanges: [
                    .reserve(
                        key: UniqueKeys.departmentName(tenantId: tenantId, name: clean.name),
                        stream: Streams.department(departmentId))
                ])
        case .update(let settings):
            guard let department = state else { throw DomainError.notFound("department") }
            let clean = try settings.validated()
            if clean == department.settings { return .none }
            let stream = Streams.department(department.id)
            let oldKey = UniqueKeys.departmentName(
                tenantId: department.tenantId, name: department.settings.name)
            let newKey = UniqueKeys.departmentName(tenantId: department.tenantId, name: clean.name)
            let keys: [DomainKeyChange] =
                oldKey == newKey
                ? [] : [.release(key: oldKey, stream: stream), .reserve(key: newKey, stream: stream)]
            let updated = DepartmentUpdated(
                departmentId: department.id, tenantId: department.tenantId, name: clean.name,
                color: clean.color,
                maxConcurrentPerAgent: clean.maxConcurrentPerAgent,
                expectedResponseMinutes: clean.expectedResponseMinutes)
            return Decision([.departmentUpdated(updated)], keyChanges: keys)
        }
    }
}
