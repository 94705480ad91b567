import API
import Testing

@Test func moduleIsLinked() {
    #expect(APIModule.name == "API")
}
