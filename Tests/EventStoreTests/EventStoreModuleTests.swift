import EventStore
import Testing

@Test func moduleIsLinked() {
    #expect(EventStoreModule.name == "EventStore")
}
