import Domain
import Foundation
import Testing

@Suite struct AggregateTests {
    let tenantId = UUID(uuidString: "00000000-0000-4000-8000-0000000000a1")!
    let userId = UUID(uuidString: "00000000-0000-4000-8000-0000000000b1")!

    @Test func tenantRegistrationReservesTheSlug() throws {
        let decision = try Tenant.decide(
            .register(tenantId: tenantId, name: " Hotel ABC ", slug: "hotel-abc"), state: nil)
        #expect(decision.keyChanges == [.reserve(key: "slug:hotel-abc", stream: Streams.tenant(tenantId))])
        let tenant = try #require(Tenant.fold(decision.domainEvents))
        #expect(tenant.name == "Hotel ABC")
        expectDomainError(.conflict, field: "tenantSlug") {
            _ = try Tenant.decide(.register(tenantId: tenantId, name: "x", slug: "hotel-abc"), state: tenant)
        }
    }

    @Test(arguments: ["Hotel ABC", "-hotel", "a", "hotel_abc", String(repeating: "a", count: 64)])
    func invalidSlugsAreRejected(slug: String) {
        let limit: Int? = slug.count == 64 ? 63 : nil
        expectDomainError(.validation, field: "tenantSlug", limit: limit) {
            _ = try Tenant.decide(.register(tenantId: tenantId, name: "Hotel", slug: slug), state: nil)
        }
    }

    @Test func switchingChannelMovesTheRoutingKey() throws {
        var events = try Tenant.decide(
            .register(tenantId: tenantId, name: "Hotel", slug: "hotel"), state: nil
        ).domainEvents
        let meta = ChannelSettings(
            provider: .meta, phoneNumberId: "PN1", displayPhoneNumber: "+55 11 4000", apiVersion: "v21.0",
            sealedSecrets: "c2VhbGVk")
        let first = try Tenant.decide(.configureChannel(meta), state: Tenant.fold(events))
        #expect(first.keyChanges == [.reserve(key: "meta-number:PN1", stream: Streams.tenant(tenantId))])
        events += first.domainEvents
        #expect(try Tenant.decide(.configureChannel(meta), state: Tenant.fold(events)) == .none)
        let evolution = ChannelSettings(
            provider: .evolution, instanceName: "hotel_abc", apiBaseUrl: "https://evo.example.com",
            sealedSecrets: "c2VhbGVk")
        let second = try Tenant.decide(.configureChannel(evolution), state: Tenant.fold(events))
        #expect(
            second.keyChanges == [
                .release(key: "meta-number:PN1", stream: Streams.tenant(tenantId)),
                .reserve(key: "evolution-instance:hotel_abc", stream: Streams.tenant(tenantId)),
            ])
        events += second.domainEvents
        let state = try #require(Tenant.fold(events))
        #expect(state.channel?.provider == .evolution)
        let statusChange = try Tenant.decide(.changeConnectionState(.open, at: 5), state: state)
        #expect(
            statusChange.domainEvents == [
                .channelStatusChanged(ChannelStatusChanged(tenantId: tenantId, state: .open, at: 5))
            ])
        expectDomainError(.validation, field: "phoneNumberId") {
            _ = try Tenant.decide(
                .configureChannel(ChannelSettings(provider: .meta, sealedSecrets: "x")), state: state)
        }
        expectDomainError(.validation, field: "apiBaseUrl") {
            _ = try Tenant.decide(
                .configureChannel(
                    ChannelSettings(provider: .evolution, instanceName: "i", sealedSecrets: "x")),
                state: state)
        }
    }

    @Test func userLifecycle() throws {
        let created = try User.decide(
            .create(
                userId: userId, tenantId: tenantId, name: "Maria", email: " Maria@Hotel.com",
                passwordHash: "$argon2id$h",
                role: .agent, departmentId: nil), state: nil)
        #expect(created.keyChanges == [.reserve(key: "email:maria@hotel.com", stream: Streams.user(userId))])
        var events = created.domainEvents
        for command: UserCommand in [
            .changeRole(.supervisor, byUserId: nil), .deactivate(byUserId: nil),
            .changePassword(passwordHash: "$argon2id$new"),
        ] {
            events += try User.decide(command, state: User.fold(events)).domainEvents
        }
        let user = try #require(User.fold(events))
        #expect(user.role == .supervisor)
        #expect(!user.isActive)
        #expect(user.passwordHash == "$argon2id$new")
        #expect(try User.decide(.deactivate(byUserId: nil), state: user) == .none)
        #expect(
            try User.decide(.activate(byUserId: nil), state: user).domainEvents.map(\.type) == [
                UserActivated.type
            ])
        expectDomainError(.validation, field: "email") {
            _ = try User.decide(
                .create(
                    userId: userId, tenantId: tenantId, name: "M", email: "not-an-email", passwordHash: "h",
                    role: .agent, departmentId: nil), state: nil)
        }
    }

    @Test func departmentRenameMovesTheNameKeyAndLimitsHold() throws {
        let departmentId = UUID(uuidString: "00000000-0000-4000-8000-0000000000d1")!
        let settings = DepartmentSettings(
            name: "Vendas", color: "#10B981", maxConcurrentPerAgent: 3, expectedResponseMinutes: 15)
        let created = try Department.decide(
            .create(departmentId: departmentId, tenantId: tenantId, settings: settings), state: nil)
        let stream = Streams.department(departmentId)
        #expect(
            created.keyChanges == [
                .reserve(key: UniqueKeys.departmentName(tenantId: tenantId, name: "Vendas"), stream: stream)
            ])
        let state = Department.fold(created.domainEvents)
        var renamed = settings
        renamed.name = "Comercial"
        let update = try Department.decide(.update(renamed), state: state)
        #expect(
            update.keyChanges == [
                .release(key: UniqueKeys.departmentName(tenantId: tenantId, name: "Vendas"), stream: stream),
                .reserve(
                    key: UniqueKeys.departmentName(tenantId: tenantId, name: "Comercial"), stream: stream),
            ])
        #expect(try Department.decide(.update(settings), state: state) == .none)
        var tooMany = settings
        tooMany.maxConcurrentPerAgent = 101
        expectDomainError(.validation, field: "maxConcurrentPerAgent", limit: 100) {
            _ = try Department.decide(.update(tooMany), state: state)
        }
        var badColor = settings
        badColor.color = "green"
        expectDomainError(.validation, field: "color") {
            _ = try Department.decide(.update(badColor), state: state)
        }
    }

    @Test func tagNameIsUniquePerTenantCaseInsensitively() throws {
        let tagId = UUID(uuidString: "00000000-0000-4000-8000-0000000000e1")!
        let decision = try Tag.decide(
            .create(tagId: tagId, tenantId: tenantId, name: "Reserva", color: "#4CAF50"), state: nil)
        #expect(
            decision.keyChanges == [
                .reserve(
                    key: UniqueKeys.tagName(tenantId: tenantId, name: "RESERVA"), stream: Streams.tag(tagId))
            ])
        expectDomainError(.validation, field: "name", limit: 50) {
            _ = try Tag.decide(
                .create(
                    tagId: tagId, tenantId: tenantId, name: String(repeating: "t", count: 51),
                    color: "#4CAF50"), state: nil)
        }
    }

    @Test func erasingAContactClearsItAndReleasesThePhoneKey() throws {
        let contactId = UUID(uuidString: "00000000-0000-4000-8000-0000000000c1")!
        let phoneKey = UniqueKeys.phone(tenantId: tenantId, phone: "5511999999999", hmacKey: [1, 2, 3])
        let registered = try Contact.decide(
            .register(
                contactId: contactId, tenantId: tenantId, phone: "+55 11 99999-9999", name: "João",
                phoneKey: phoneKey), state: nil)
        var events = registered.domainEvents
        #expect(Contact.fold(events)?.phone == "5511999999999")
        let erased = try Contact.decide(
            .erase(byUserId: userId, phoneKey: phoneKey), state: Contact.fold(events))
        #expect(erased.keyChanges == [.release(key: phoneKey, stream: Streams.contact(contactId))])
        events += erased.domainEvents
        let contact = try #require(Contact.fold(events))
        #expect(contact.isErased && contact.phone == nil && contact.name == nil)
        #expect(try Contact.decide(.updateProfile(name: "Novo"), state: contact) == .none)
    }
}
