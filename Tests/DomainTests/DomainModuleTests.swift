import Domain
import Testing

@Test func moduleIsLinked() {
    #expect(DomainModule.name == "Domain")
}
