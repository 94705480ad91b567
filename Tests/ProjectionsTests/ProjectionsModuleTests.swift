import Projections
import Testing

@Test func moduleIsLinked() {
    #expect(ProjectionsModule.name == "Projections")
}
